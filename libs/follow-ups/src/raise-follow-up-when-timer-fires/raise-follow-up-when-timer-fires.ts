import { Inject, Injectable, Logger } from '@nestjs/common';
import { handleCommand, RevisionConflictError, deterministicUuid } from '@leap/commands';
import { caseScope, caseStreamId } from '@leap/cases';
import {
  caseDecider,
  decideFiredTimer,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
} from '@leap/domain';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { CLOCK, type Clock } from '../clock';
import { FOLLOW_UP_CONFIG, type FollowUpConfig } from '../follow-up-config';
import { followUpIdOf, SYSTEM_ACTOR } from '../follow-up-streams';
import { FollowUpFactsReader } from '../planning/follow-up-facts.reader';
import type { TimerJobData } from '../queue/timer-jobs';

/** Kept as the job's return value, so the queue shows what each fired timer did. */
export type TimerOutcome = 'raised' | 'already_raised' | 'not_yet_due' | 'no_longer_applies';

const ATTEMPTS = 3;

/**
 * When a timer fires: re-read the case and the district's rules, and only if the rule still applies
 * and is due, send RaiseFollowUp through the command pipeline as the `system` actor. The worker never
 * writes state itself.
 *
 * Exactly-once effect over at-least-once delivery: the command is decided on the history just read
 * and appended only if the stream is still at that revision (otherwise it is decided again); its
 * command id, hence its event id, is derived from (case, rule, trigger); and the decider records
 * nothing for a follow-up that already exists. A fired job that finds nothing to do simply completes;
 * one whose case cannot be found fails (and is retried, then shown in `GET /v1/queues`): completing
 * it would drop a follow-up without a trace.
 */
@Injectable()
export class RaiseFollowUpWhenTimerFires {
  private readonly logger = new Logger('raise-follow-up-when-timer-fires');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(FOLLOW_UP_CONFIG) private readonly config: FollowUpConfig,
    private readonly reader: FollowUpFactsReader,
  ) {}

  async handle(job: TimerJobData): Promise<TimerOutcome> {
    const { caseId, ruleId, triggerEventId } = job;
    for (let attempt = 1; ; attempt++) {
      const { history, facts } = await this.reader.caseFacts(caseId);
      const c = facts.state;
      if (c.status === 'none') throw new Error(`Case ${caseId} of this timer is not in the event store`);
      const { rules } = await this.reader.rules(c.districtId);
      const now = this.clock.now();
      const decision = decideFiredTimer(facts, rules, this.config.timeZone, { ruleId, triggerEventId }, now);
      if (decision.kind === 'not_yet_due') return 'not_yet_due';
      if (decision.kind === 'not_pending') {
        const raised = c.followUps.some((f) => f.rule === ruleId && f.triggerEventId === triggerEventId);
        return raised ? 'already_raised' : 'no_longer_applies';
      }
      const { timer } = decision;

      const followUpId = followUpIdOf(caseId, ruleId, triggerEventId);
      const commandId = deterministicUuid('raise-follow-up', followUpId);
      const trigger = history.find((event) => event.id === triggerEventId);
      const correlationId =
        typeof trigger?.metadata.correlationId === 'string' ? trigger.metadata.correlationId : commandId;
      const command: CaseCommand = {
        type: 'RaiseFollowUp',
        data: {
          followUpId,
          rule: ruleId,
          reason: timer.reason,
          dueAt: timer.dueAt,
          triggerEventId,
          entryId: timer.entryId,
        },
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
            causationId: triggerEventId,
            receivedAt: now,
            expectedRevision: history.at(-1)!.revision,
          },
          command,
          scopeOf: caseScope,
        });
        if (outcome.appended.length > 0) this.logger.log(`Raised ${ruleId} on case ${caseId}`);
        return outcome.appended.length > 0 ? 'raised' : 'already_raised';
      } catch (error) {
        // The case changed since it was read: decide again on the new history.
        if (!(error instanceof RevisionConflictError) || attempt >= ATTEMPTS) throw error;
      }
    }
  }
}
