import { Inject, Injectable, Logger } from '@nestjs/common';
import { deterministicUuid, handleCommand } from '@leap/commands';
import { caseScope, caseStreamId, scanClosures } from '@leap/cases';
import {
  addDuration,
  caseDecider,
  checkRuleThreshold,
  dayAfterMonth,
  hasMonthEnded,
  lastDayOfMonth,
  lastSchoolMonthDue,
  monthCheckOf,
  monthsOfYear,
  schoolMonthTrigger,
  schoolYearOf,
  startOfDate,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  type FollowUpRules,
  type OpenCase,
} from '@leap/domain';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { localDate } from '@leap/http';
import { CLOCK, type Clock } from '../clock';
import { FOLLOW_UP_CONFIG, type FollowUpConfig } from '../follow-up-config';
import { followUpIdOf, SYSTEM_ACTOR } from '../follow-up-streams';
import { FollowUpFactsReader } from '../planning/follow-up-facts.reader';
import type { CheckJobData } from './attendance-jobs';
import { AttendanceReader } from './attendance-reader';

export type CheckToQueue = Omit<CheckJobData, 'installationId'>;

export interface SweepResult {
  openCases: number;
  /** `attendance_data_missing` follow-ups raised by this sweep. */
  raised: number;
  /** Check jobs handed to the queue (most find their month already checked and record nothing). */
  checksQueued: number;
}

/**
 * The monthly attendance sweep, over every open case (found from the case streams, codes only):
 * - raises `attendance_data_missing` (district rule, on by default) when the last school month that
 *   ended at least the rule's `after` ago has no attendance in the student's attendance stream, for a
 *   case identified by that month's end. One follow-up per case and month (its trigger is the month),
 *   resolved when the month's automatic check is recorded;
 * - queues a check of every ended month with attendance since identification, so months imported
 *   while no process listened, or before the student was identified, get checked too (the decider
 *   records nothing for a month already checked with the same figures).
 */
@Injectable()
export class AttendanceSweep {
  private readonly logger = new Logger('attendance-sweep');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(FOLLOW_UP_CONFIG) private readonly config: FollowUpConfig,
    private readonly reader: AttendanceReader,
    private readonly facts: FollowUpFactsReader,
  ) {}

  /**
   * `raiseMissing: false` only re-queues checks (what a worker does at start-up, to cover months
   * imported while it was down); the monthly job also raises `attendance_data_missing`.
   */
  async run(
    queueChecks: (checks: CheckToQueue[]) => Promise<void>,
    { raiseMissing = true }: { raiseMissing?: boolean } = {},
  ): Promise<SweepResult> {
    const now = this.clock.now();
    const today = localDate(now, this.config.timeZone);
    const closures = await scanClosures(this.store);
    const rulesOf = new Map<string, Promise<FollowUpRules>>();
    const result: SweepResult = { openCases: 0, raised: 0, checksQueued: 0 };
    for (const [caseId, closure] of closures) {
      if (closure.closedOn !== null || closure.erased) continue;
      const { history, state } = await this.reader.caseOf(caseId);
      if (state.status !== 'open') continue;
      result.openCases++;
      if (!rulesOf.has(state.districtId))
        rulesOf.set(
          state.districtId,
          this.facts.rules(state.districtId).then((r) => r.rules),
        );
      const rules = await rulesOf.get(state.districtId)!;
      if (raiseMissing && (await this.raiseMissing(state, history.at(-1)!.revision, rules, now, today)))
        result.raised++;
      const checks = await this.checksOf(state, today);
      await queueChecks(checks);
      result.checksQueued += checks.length;
    }
    this.logger.log(
      `Swept ${result.openCases} open case(s): ${result.raised} attendance_data_missing raised, ${result.checksQueued} check(s) queued`,
    );
    return result;
  }

  private async raiseMissing(
    c: OpenCase,
    revision: bigint,
    rules: FollowUpRules,
    now: Date,
    today: string,
  ): Promise<boolean> {
    const setting = rules.attendance_data_missing;
    const threshold = checkRuleThreshold(setting.after);
    if (!setting.enabled || !threshold.ok) return false;
    const { timeZone } = this.config;
    const month = lastSchoolMonthDue(now.getTime(), threshold.duration, timeZone, today);
    if (lastDayOfMonth(month) < c.identifiedOn) return false;
    const { year } = await this.reader.attendanceYear(c.student, schoolYearOf(`${month}-01`));
    if (monthCheckOf(year, schoolYearOf(`${month}-01`), month) !== null) return false;
    const triggerEventId = schoolMonthTrigger(month);
    const followUpId = followUpIdOf(c.caseId, 'attendance_data_missing', triggerEventId);
    const dueAt = addDuration(startOfDate(dayAfterMonth(month), timeZone), threshold.duration, timeZone);
    const commandId = deterministicUuid('raise-follow-up', followUpId);
    const command: CaseCommand = {
      type: 'RaiseFollowUp',
      data: {
        followUpId,
        rule: 'attendance_data_missing',
        reason: `No attendance imported for ${month} within ${setting.after} after the month ended`,
        dueAt: new Date(dueAt).toISOString(),
        triggerEventId,
        entryId: null,
      },
      actorId: SYSTEM_ACTOR.id,
    };
    const outcome = await handleCommand<CaseCommand, CaseEvent, CaseState>({
      store: this.store,
      streamId: caseStreamId(c.caseId),
      decider: caseDecider,
      context: {
        actor: { ...SYSTEM_ACTOR },
        commandId,
        correlationId: commandId,
        causationId: commandId,
        receivedAt: now,
        expectedRevision: revision,
      },
      command,
      scopeOf: caseScope,
    }).catch((error: Error) => {
      // A case that changed meanwhile is swept again next month; the others go on.
      this.logger.warn(`attendance_data_missing not raised on case ${c.caseId}: ${error.message}`);
      return { appended: [] };
    });
    return outcome.appended.length > 0;
  }

  /** Checks of every ended month with attendance since the case was identified. */
  async checksOf(c: OpenCase, today: string): Promise<CheckToQueue[]> {
    const checks: CheckToQueue[] = [];
    const first = Number(schoolYearOf(c.identifiedOn).slice(0, 4));
    const last = Number(schoolYearOf(today).slice(0, 4));
    for (let start = first; start <= last; start++) {
      const schoolYear = schoolYearOf(`${start}-09-01`);
      const { year, revision } = await this.reader.attendanceYear(c.student, schoolYear);
      if (revision === null) continue;
      for (const month of monthsOfYear(year)) {
        if (!hasMonthEnded(month, today) || lastDayOfMonth(month) < c.identifiedOn) continue;
        checks.push({
          caseId: c.caseId,
          student: c.student,
          schoolYear,
          month,
          attendanceRevision: Number(revision),
        });
      }
    }
    return checks;
  }
}
