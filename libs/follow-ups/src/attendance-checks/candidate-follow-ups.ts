import { Inject, Injectable, Logger } from '@nestjs/common';
import { deterministicUuid, handleCommand } from '@leap/commands';
import {
  attendanceRate,
  candidateDecider,
  candidateIdOf,
  candidateStreamOf,
  isTargeted,
  tierAfterMinimum,
  yearTotalsOf,
  type CandidateCommand,
  type CandidateEvent,
  type CandidateState,
} from '@leap/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@leap/event-store';
import { RegistryReader } from '@leap/registry';
import { CLOCK, type Clock } from '../clock';
import { SYSTEM_ACTOR } from '../follow-up-streams';
import { FollowUpFactsReader } from '../planning/follow-up-facts.reader';
import { AttendanceReader } from './attendance-reader';

export type CandidateOutcome = 'raised' | 'already_raised' | 'not_a_candidate' | 'rule_off';

const candidateScope = (state: CandidateState) =>
  state.status === 'none'
    ? { districtId: null, schoolId: null }
    : { districtId: state.districtId, schoolId: state.schoolId };

/**
 * The `new_candidate` rule (per district, off by default): when imported attendance shows a student
 * without an open case chronically absent for the school year so far (tier chronic or severe after
 * the district's minimum enrolled days) and the district's targeting approach covers them (by their
 * latest roster entry), the school's attendance team gets a worklist item on the candidate's stream.
 * Raised once per student, district and school year (the follow-up id derives from the three): a
 * student "first becomes" a candidate, dismissing them keeps them off the list for that year.
 * Identifying the student (a case opened for them in the district) resolves the item.
 */
@Injectable()
export class CandidateFollowUps {
  private readonly logger = new Logger('raise-new-candidate-when-attendance-imported');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly reader: AttendanceReader,
    private readonly facts: FollowUpFactsReader,
    private readonly registry: RegistryReader,
  ) {}

  async considerCandidate(
    imported: RecordedEvent,
    month: { districtId: string; student: string; schoolYear: string },
  ): Promise<CandidateOutcome> {
    const { districtId, student, schoolYear } = month;
    const { rules } = await this.facts.rules(districtId);
    if (!rules.new_candidate.enabled) return 'rule_off';
    const district = await this.registry.district(districtId);
    if (district.status !== 'registered') return 'not_a_candidate';
    if ((await this.reader.openCaseOf(districtId, student)) !== null) return 'not_a_candidate';
    const roster = await this.reader.roster(student);
    if (!roster || roster.districtId !== districtId) return 'not_a_candidate';
    if (!isTargeted(roster, district.settings.targeting)) return 'not_a_candidate';
    const { year } = await this.reader.attendanceYear(student, schoolYear);
    const { daysEnrolled, daysAbsent } = yearTotalsOf(year);
    const tier = tierAfterMinimum(daysEnrolled, daysAbsent, district.settings.minimumEnrolledDays);
    if (tier !== 'chronic' && tier !== 'severe_chronic') return 'not_a_candidate';

    const candidateId = candidateIdOf(districtId, student);
    const followUpId = deterministicUuid('candidate-follow-up', districtId, student, schoolYear);
    const rate = attendanceRate(daysEnrolled, daysAbsent);
    const now = this.clock.now();
    const command: CandidateCommand = {
      type: 'RaiseCandidateFollowUp',
      data: {
        followUpId,
        rule: 'new_candidate',
        reason: `${tier.replace('_', ' ')} in ${schoolYear} so far: ${daysAbsent} of ${daysEnrolled} enrolled days absent (${rate}% attendance); no open case`,
        dueAt: now.toISOString(),
        triggerEventId: imported.id,
        entryId: null,
        districtId,
        schoolId: roster.schoolId,
        student,
        yearToDate: { schoolYear, daysEnrolled, daysAbsent, rate, tier },
      },
      actorId: SYSTEM_ACTOR.id,
    };
    const outcome = await handleCommand<CandidateCommand, CandidateEvent, CandidateState>({
      store: this.store,
      streamId: candidateStreamOf(candidateId),
      decider: candidateDecider,
      context: systemContext(deterministicUuid('raise-candidate', followUpId), imported, now),
      command,
      scopeOf: candidateScope,
    });
    if (outcome.appended.length === 0) return 'already_raised';
    this.logger.log(`Listed candidate ${candidateId} for the attendance team`);
    return 'raised';
  }

  /** A case was opened for the student in the district: the candidate's open follow-up is resolved. */
  async resolveByIdentification(identified: RecordedEvent): Promise<void> {
    const { caseId, districtId, student, identifiedOn } = identified.data as {
      caseId: string;
      districtId: string;
      student: string;
      identifiedOn: string;
    };
    const candidateId = candidateIdOf(districtId, student);
    const { state } = await this.reader.candidate(candidateId);
    if (state.status === 'none' || !state.followUps.some((f) => f.state === 'open')) return;
    await handleCommand<CandidateCommand, CandidateEvent, CandidateState>({
      store: this.store,
      streamId: candidateStreamOf(candidateId),
      decider: candidateDecider,
      context: systemContext(
        deterministicUuid('resolve-candidate', candidateId, caseId),
        identified,
        this.clock.now(),
      ),
      command: {
        type: 'ResolveCandidateByIdentification',
        data: { caseId, identifiedOn },
        actorId: SYSTEM_ACTOR.id,
      },
      scopeOf: candidateScope,
    });
  }
}

function systemContext(commandId: string, cause: RecordedEvent, now: Date) {
  const correlationId =
    typeof cause.metadata.correlationId === 'string' ? cause.metadata.correlationId : commandId;
  return { actor: { ...SYSTEM_ACTOR }, commandId, correlationId, causationId: cause.id, receivedAt: now };
}
