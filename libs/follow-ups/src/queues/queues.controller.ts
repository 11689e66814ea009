import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ForbiddenError, type Principal } from '@leap/auth';
import { QueryRoute } from '@leap/http';
import type { Job } from 'bullmq';
import { AttendanceQueue } from '../attendance-checks/attendance-queue';
import { PlanningFailures } from '../planning/planning-failures';
import { FollowUpQueue } from '../queue/follow-up-queue';
import { QueuesView } from './queues.dto';

const FAILED_SHOWN = 50;

/**
 * Operators' view of the job queues: counts per state, why jobs failed, and cases whose timers could
 * not be planned. Jobs and failures name cases of every district, so only state-wide admins (a token
 * without `districtId`) see it.
 */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('v1/queues')
export class QueuesController {
  constructor(
    private readonly followUps: FollowUpQueue,
    private readonly planning: PlanningFailures,
    private readonly attendance: AttendanceQueue,
  ) {}

  /** Job counts, recent failures and planning failures (state-wide admins). */
  @Get()
  @QueryRoute(
    { type: QueuesView, description: 'The follow-up and attendance queues of this installation.' },
    { 403: ['role_not_allowed'], 503: ['queue_unavailable'] },
  )
  async list(@CurrentPrincipal() principal: Principal): Promise<QueuesView> {
    if (principal.role !== 'admin' || principal.districtId !== null) {
      throw new ForbiddenError('role_not_allowed', 'Only state-wide admins see the job queues');
    }
    try {
      const attendance = await this.attendance.queue();
      const [queue, counts, failed, planning, attendanceQueue, attendanceCounts, attendanceFailed] =
        await Promise.all([
          this.followUps.describe(),
          this.followUps.counts(),
          this.followUps.failed(FAILED_SHOWN),
          this.planning.summary(),
          this.attendance.describe(),
          attendance.getJobCounts(),
          attendance.getFailed(0, FAILED_SHOWN - 1),
        ]);
      return {
        installationId: queue.installationId,
        queues: [
          {
            name: queue.name,
            prefix: queue.prefix,
            counts,
            failed: failed.map(failedJobView),
          },
          {
            name: attendanceQueue.name,
            prefix: attendanceQueue.prefix,
            counts: attendanceCounts,
            failed: attendanceFailed.map(failedJobView),
          },
        ],
        planning,
      };
    } catch (error) {
      throw new ServiceUnavailableException({
        code: 'queue_unavailable',
        message: `The job queues cannot be read: ${(error as Error).message}`,
      });
    }
  }
}

const failedJobView = (job: Job) => ({
  jobId: job.id ?? null,
  name: job.name,
  data: job.data as Record<string, unknown>,
  failedReason: job.failedReason,
  attemptsMade: job.attemptsMade,
  failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
});
