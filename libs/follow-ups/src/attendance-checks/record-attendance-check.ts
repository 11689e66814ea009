import { Inject, Injectable, Logger } from '@nestjs/common';
import { deterministicUuid, handleCommand, RevisionConflictError } from '@leap/commands';
import { caseScope, caseStreamId } from '@leap/cases';
import {
  caseDecider,
  hasMonthEnded,
  monthCheckOf,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
} from '@leap/domain';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { localDate } from '@leap/http';
import { CLOCK, type Clock } from '../clock';
import { FOLLOW_UP_CONFIG, type FollowUpConfig } from '../follow-up-config';
import { SYSTEM_ACTOR } from '../follow-up-streams';
import type { CheckJobData } from './attendance-jobs';
import { AttendanceReader } from './attendance-reader';

/** Kept as the job's return value, so the queue shows what each check did. */
export type CheckOutcome =
  'checked' | 'unchanged' | 'case_closed' | 'month_not_ended' | 'no_attendance' | 'before_identification';

const ATTEMPTS = 3;

/**
 * When a check job runs: re-read the case and the student's attendance year, and, for an open case
 * and an ended month with attendance, send RecordAttendanceCheck as the `system` actor. The decider
 * appends nothing when the month's figures and the year to date are those of its last automatic
 * check, so a re-run, a re-queued job or an unchanged re-import records nothing; a correction does.
 * The command id (hence the event id) derives from the case, month and attendance revision read, and
 * the append expects the case revision read, so concurrent runs record one check.
 */
@Injectable()
export class RecordAttendanceCheck {
  private readonly logger = new Logger('record-attendance-check-when-month-imported');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(FOLLOW_UP_CONFIG) private readonly config: FollowUpConfig,
    private readonly reader: AttendanceReader,
  ) {}

  async handle(
    job: Pick<CheckJobData, 'caseId' | 'student' | 'schoolYear' | 'month'>,
  ): Promise<CheckOutcome> {
    const { caseId, student, schoolYear, month } = job;
    const now = this.clock.now();
    if (!hasMonthEnded(month, localDate(now, this.config.timeZone))) return 'month_not_ended';
    for (let attempt = 1; ; attempt++) {
      const { history, state } = await this.reader.caseOf(caseId);
      if (state.status === 'none') throw new Error(`Case ${caseId} of this check is not in the event store`);
      if (state.status === 'closed' || state.erased) return 'case_closed';
      const attendance = await this.reader.attendanceYear(student, schoolYear);
      const figures = monthCheckOf(attendance.year, schoolYear, month);
      if (figures === null || attendance.revision === null) return 'no_attendance';
      if (figures.asOf < state.identifiedOn) return 'before_identification';
      const revision = String(attendance.revision);
      const commandId = deterministicUuid('attendance-check', caseId, month, schoolYear, revision);
      const source = attendance.history
        .filter((event) => (event.data as { month?: string }).month === month)
        .at(-1);
      const correlationId =
        typeof source?.metadata.correlationId === 'string' ? source.metadata.correlationId : commandId;
      const command: CaseCommand = {
        type: 'RecordAttendanceCheck',
        data: { checkId: commandId, ...figures },
        actorId: SYSTEM_ACTOR.id,
      };
      try {
        const outcome = await handleCommand<CaseCommand, CaseEvent, CaseState>({
          store: this.store,
          streamId: caseStreamId(caseId),
          decider: caseDecider,
          context: {
            actor: { ...SYSTEM_ACTOR },
            commandId,
            correlationId,
            causationId: source?.id ?? commandId,
            receivedAt: now,
            expectedRevision: history.at(-1)!.revision,
          },
          command,
          scopeOf: caseScope,
        });
        if (outcome.appended.length === 0) return 'unchanged';
        this.logger.log(`Checked ${month} attendance on case ${caseId}`);
        return 'checked';
      } catch (error) {
        if (!(error instanceof RevisionConflictError) || attempt >= ATTEMPTS) throw error;
      }
    }
  }
}
