import { Inject, Injectable, Logger } from '@nestjs/common';
import { ATTENDANCE_STREAM_PREFIX, type AttendanceMonth } from '@leap/domain';
import { EVENT_STORE, type AllSubscription, type EventStore, type RecordedEvent } from '@leap/event-store';
import { localDate } from '@leap/http';
import { CLOCK, type Clock } from '../clock';
import { FOLLOW_UP_CONFIG, type FollowUpConfig } from '../follow-up-config';
import { CASE_PREFIX } from '../follow-up-streams';
import { AttendanceQueue } from './attendance-queue';
import { AttendanceReader } from './attendance-reader';
import { AttendanceSweep } from './attendance-sweep';
import { CandidateFollowUps } from './candidate-follow-ups';

const RESUBSCRIBE_MS = 1_000;
const MONTH_TYPES = ['AttendanceMonthRecorded.v1', 'AttendanceMonthCorrected.v1'];
const IDENTIFIED_TYPES = ['StudentIdentified.v1', 'StudentIdentified.v2'];
const REOPENED_TYPES = ['CaseReopened.v1', 'CaseReopened.v2'];

/**
 * The process manager of imported attendance. It follows `$all` live (from the store's head when it
 * starts: the monthly sweep re-queues whatever was imported while no process listened):
 * - a month recorded or corrected on `attendance-<student>-<schoolYear>`: when the student has an
 *   open case in the district (the student registry), queue the month's check (job id from case,
 *   month and attendance revision, delayed until the month has ended); when not, consider the
 *   `new_candidate` rule;
 * - a student identified: resolve the candidate's open follow-up, and queue checks of the months
 *   already imported for the new case;
 * - a case reopened: queue checks of the months imported meanwhile (a closed case is not checked).
 * A failed reaction is logged and retried once; the sweep covers what still slips.
 */
@Injectable()
export class CheckAttendanceWhenMonthImported {
  private readonly logger = new Logger('check-attendance-when-month-imported');
  private subscription: AllSubscription | undefined;
  private stopped = true;
  private following: Promise<void> | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(FOLLOW_UP_CONFIG) private readonly config: FollowUpConfig,
    private readonly reader: AttendanceReader,
    private readonly queue: AttendanceQueue,
    private readonly sweep: AttendanceSweep,
    private readonly candidates: CandidateFollowUps,
  ) {}

  start(): void {
    this.stopped = false;
    this.following = this.follow();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await this.following;
  }

  private async follow(): Promise<void> {
    let after = (await this.store.headPosition().catch(() => null)) ?? undefined;
    while (!this.stopped) {
      const subscription = this.store.subscribeToAll({
        after,
        filter: {
          streamPrefixes: [ATTENDANCE_STREAM_PREFIX, CASE_PREFIX],
          eventTypes: [...MONTH_TYPES, ...IDENTIFIED_TYPES, ...REOPENED_TYPES],
        },
      });
      this.subscription = subscription;
      try {
        for await (const event of subscription) {
          await this.react(event);
          after = event.position;
        }
      } catch (error) {
        if (!this.stopped)
          this.logger.warn(`Subscription to $all ended: ${(error as Error).message}; resubscribing`);
      }
      await subscription.close().catch(() => undefined);
      if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, RESUBSCRIBE_MS));
    }
  }

  private async react(event: RecordedEvent): Promise<void> {
    for (let attempt = 1; attempt <= 2; attempt++) {
      try {
        if (MONTH_TYPES.includes(event.type)) return await this.monthImported(event);
        if (REOPENED_TYPES.includes(event.type))
          return await this.queueChecksOf(event.streamId.slice(CASE_PREFIX.length));
        return await this.identified(event);
      } catch (error) {
        this.logger.warn(`Reacting to ${event.type} ${event.id} failed: ${(error as Error).message}`);
      }
    }
  }

  private async monthImported(event: RecordedEvent): Promise<void> {
    const month = event.data as unknown as AttendanceMonth;
    const caseId = await this.reader.openCaseOf(month.districtId, month.student);
    if (caseId === null) {
      await this.candidates.considerCandidate(event, month);
      return;
    }
    await this.queue.queueChecks([
      {
        caseId,
        student: month.student,
        schoolYear: month.schoolYear,
        month: month.month,
        attendanceRevision: Number(event.revision),
      },
    ]);
  }

  private async identified(event: RecordedEvent): Promise<void> {
    if (typeof event.data.student !== 'string' || typeof event.data.caseId !== 'string') return;
    await this.candidates.resolveByIdentification(event);
    await this.queueChecksOf(event.data.caseId);
  }

  private async queueChecksOf(caseId: string): Promise<void> {
    const { state } = await this.reader.caseOf(caseId);
    if (state.status !== 'open') return;
    const today = localDate(this.clock.now(), this.config.timeZone);
    await this.queue.queueChecks(await this.sweep.checksOf(state, today));
  }
}
