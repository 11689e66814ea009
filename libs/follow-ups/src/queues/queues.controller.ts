import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ForbiddenError, type Principal } from '@leap/auth';
import { FollowUpQueue } from '../queue/follow-up-queue';

const FAILED_SHOWN = 50;

/** Operators' view of the job queues: counts per state and why jobs failed. Admins only. */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('v1/queues')
export class QueuesController {
  constructor(private readonly followUps: FollowUpQueue) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal) {
    if (principal.role !== 'admin') {
      throw new ForbiddenError('role_not_allowed', 'Only admins see the job queues');
    }
    try {
      const [counts, failed] = await Promise.all([
        this.followUps.counts(),
        this.followUps.failed(FAILED_SHOWN),
      ]);
      const queue = this.followUps.queue;
      return {
        queues: [
          {
            name: queue.name,
            prefix: queue.opts.prefix ?? null,
            counts,
            failed: failed.map((job) => ({
              jobId: job.id ?? null,
              name: job.name,
              data: job.data as unknown,
              failedReason: job.failedReason,
              attemptsMade: job.attemptsMade,
              failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
            })),
          },
        ],
      };
    } catch (error) {
      throw new ServiceUnavailableException({
        code: 'queue_unavailable',
        message: `The job queues cannot be read: ${(error as Error).message}`,
      });
    }
  }
}
