import { assertNever, conflict, notFound, type Decider } from '../decider';
import type { CandidateCommand, CandidateEvent, CandidateFollowUp, CandidateState } from './candidate';

/**
 * A candidate's follow-ups. The system raises at most one per follow-up id (one per school year: the
 * id derives from the district, student and school year), so re-reading attendance raises nothing
 * twice. The team claims the open one (idempotent for the holder, `already_claimed` for anyone else)
 * or dismisses it with a coded reason; identification resolves it. A candidate with no open
 * follow-up answers `candidate_not_open`.
 */
function decide(command: CandidateCommand, state: CandidateState): CandidateEvent[] {
  if (command.type === 'RaiseCandidateFollowUp') {
    if (state.status === 'listed' && state.followUps.some((f) => f.followUpId === command.data.followUpId))
      return [];
    return [{ type: 'CandidateFollowUpDue.v1', data: { ...command.data } }];
  }
  if (state.status === 'none') throw notFound('candidate_not_found', 'There is no such candidate');
  const open = state.followUps.find((f) => f.state === 'open');
  switch (command.type) {
    case 'ClaimCandidate': {
      const followUp = requireOpen(open);
      if (followUp.assignee === command.actorId) return [];
      requireNotHeldByOther(followUp, command.actorId);
      return [
        {
          type: 'CandidateFollowUpClaimed.v1',
          data: { followUpId: followUp.followUpId, claimedBy: command.actorId },
        },
      ];
    }
    case 'DismissCandidate': {
      const followUp = requireOpen(open);
      requireNotHeldByOther(followUp, command.actorId);
      const { reasonCode, dismissedOn } = command.data;
      return [
        {
          type: 'CandidateDismissed.v1',
          data: { followUpId: followUp.followUpId, reasonCode, dismissedOn, dismissedBy: command.actorId },
        },
      ];
    }
    case 'ResolveCandidateByIdentification':
      return open
        ? [{ type: 'CandidateIdentified.v1', data: { followUpId: open.followUpId, ...command.data } }]
        : [];
    default:
      return assertNever(command);
  }
}

function requireOpen(followUp: CandidateFollowUp | undefined): CandidateFollowUp {
  if (!followUp) throw conflict('candidate_not_open', 'The candidate has no open follow-up');
  return followUp;
}

function requireNotHeldByOther(followUp: CandidateFollowUp, actorId: string): void {
  if (followUp.assignee !== null && followUp.assignee !== actorId) {
    throw conflict(
      'already_claimed',
      `Candidate follow-up ${followUp.followUpId} is claimed by ${followUp.assignee}`,
    );
  }
}

export function evolveCandidate(state: CandidateState, event: CandidateEvent): CandidateState {
  if (event.type === 'CandidateFollowUpDue.v1') {
    const { districtId, schoolId, student, yearToDate, followUpId, reason, dueAt, triggerEventId } =
      event.data;
    const followUp: CandidateFollowUp = {
      followUpId,
      reason,
      dueAt,
      triggerEventId,
      state: 'open',
      assignee: null,
      dismissal: null,
      caseId: null,
    };
    const earlier = state.status === 'listed' ? state.followUps : [];
    return { status: 'listed', districtId, schoolId, student, yearToDate, followUps: [...earlier, followUp] };
  }
  if (state.status === 'none') return state;
  const change = (followUpId: string, update: (f: CandidateFollowUp) => CandidateFollowUp) => ({
    ...state,
    followUps: state.followUps.map((f) => (f.followUpId === followUpId ? update(f) : f)),
  });
  switch (event.type) {
    case 'CandidateFollowUpClaimed.v1':
      return change(event.data.followUpId, (f) => ({ ...f, assignee: event.data.claimedBy }));
    case 'CandidateDismissed.v1': {
      const { reasonCode, dismissedOn } = event.data;
      return change(event.data.followUpId, (f) => ({
        ...f,
        state: 'completed',
        dismissal: { reasonCode, dismissedOn },
      }));
    }
    case 'CandidateIdentified.v1':
      return change(event.data.followUpId, (f) => ({ ...f, state: 'resolved', caseId: event.data.caseId }));
    default:
      return assertNever(event);
  }
}

export const candidateDecider: Decider<CandidateCommand, CandidateEvent, CandidateState> = {
  decide,
  evolve: evolveCandidate,
  initialState: () => ({ status: 'none' }),
};
