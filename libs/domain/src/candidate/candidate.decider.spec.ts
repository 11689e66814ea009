import { given } from '../testing/given';
import { candidateDecider } from './candidate.decider';
import type { CandidateEvent, RaiseCandidateFollowUp } from './candidate';

const raised: RaiseCandidateFollowUp['data'] = {
  followUpId: 'fu-1',
  rule: 'new_candidate',
  reason: 'chronic in 2024-25 so far',
  dueAt: '2024-11-03T10:00:00.000Z',
  triggerEventId: 'attendance-event-1',
  entryId: null,
  districtId: 'd1',
  schoolId: 'sch-1',
  student: 'stu_1',
  yearToDate: { schoolYear: '2024-25', daysEnrolled: 40, daysAbsent: 6, rate: 85, tier: 'chronic' },
};
const due: CandidateEvent = { type: 'CandidateFollowUpDue.v1', data: raised };
const claimedBy = (sub: string): CandidateEvent => ({
  type: 'CandidateFollowUpClaimed.v1',
  data: { followUpId: 'fu-1', claimedBy: sub },
});
const raise = { type: 'RaiseCandidateFollowUp', data: raised, actorId: 'system' } as const;
const claim = (actorId: string) => ({ type: 'ClaimCandidate', data: {}, actorId }) as const;
const dismiss = (actorId: string) =>
  ({
    type: 'DismissCandidate',
    data: { reasonCode: 'data_error', dismissedOn: '2024-11-04' },
    actorId,
  }) as const;

describe('when a candidate follow-up is raised', () => {
  it('records it once per follow-up id', () => {
    given(candidateDecider, []).when(raise).then([due]);
    given(candidateDecider, [due]).when(raise).then([]);
  });
});

describe('when the team works a candidate', () => {
  it('answers candidate_not_found before anything was raised', () => {
    given(candidateDecider, []).when(claim('team-a')).thenThrows('candidate_not_found', 'not_found');
  });

  it('claims once for the holder and refuses anyone else', () => {
    given(candidateDecider, [due])
      .when(claim('team-a'))
      .then([claimedBy('team-a')]);
    given(candidateDecider, [due, claimedBy('team-a')])
      .when(claim('team-a'))
      .then([]);
    given(candidateDecider, [due, claimedBy('team-a')])
      .when(claim('team-b'))
      .thenThrows('already_claimed');
    given(candidateDecider, [due, claimedBy('team-a')])
      .when(dismiss('team-b'))
      .thenThrows('already_claimed');
  });

  it('dismisses with a coded reason, after which nothing is open', () => {
    const dismissed: CandidateEvent = {
      type: 'CandidateDismissed.v1',
      data: {
        followUpId: 'fu-1',
        reasonCode: 'data_error',
        dismissedOn: '2024-11-04',
        dismissedBy: 'team-a',
      },
    };
    given(candidateDecider, [due]).when(dismiss('team-a')).then([dismissed]);
    given(candidateDecider, [due, dismissed])
      .when(claim('team-a'))
      .thenThrows('candidate_not_open', 'conflict');
  });

  it('is resolved by identification, once', () => {
    const identify = {
      type: 'ResolveCandidateByIdentification',
      data: { caseId: 'case-1', identifiedOn: '2024-11-05' },
      actorId: 'system',
    } as const;
    const identified: CandidateEvent = {
      type: 'CandidateIdentified.v1',
      data: { followUpId: 'fu-1', caseId: 'case-1', identifiedOn: '2024-11-05' },
    };
    given(candidateDecider, [due]).when(identify).then([identified]);
    given(candidateDecider, [due, identified]).when(identify).then([]);
    given(candidateDecider, [due, identified]).when(dismiss('team-a')).thenThrows('candidate_not_open');
  });
});
