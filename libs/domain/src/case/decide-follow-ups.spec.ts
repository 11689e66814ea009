import { given } from '../testing/given';
import { caseDecider } from './case.decider';
import { caseAfter, command, event, history, TEAM_MEMBER } from './case.fixtures';

const due = () => [...history.identified(), event.followUpDue()];
const OTHER = 'user-other-team-member';

describe('when a follow-up timer raises a follow-up', () => {
  it('records the follow-up as due', () => {
    given(caseDecider, history.identified()).when(command.raiseFollowUp()).then([event.followUpDue()]);
  });

  it('records nothing when the same rule and trigger already raised one', () => {
    given(caseDecider, due())
      .when(command.raiseFollowUp({ followUpId: 'follow-up-retried' }))
      .then([]);
  });

  it('records nothing when the same follow-up id was raised, even after it was completed', () => {
    given(caseDecider, [...due(), event.followUpCompleted()])
      .when(command.raiseFollowUp())
      .then([]);
  });

  it('raises a follow-up of the same rule for another trigger', () => {
    given(caseDecider, due())
      .when(command.raiseFollowUp({ followUpId: 'follow-up-2', triggerEventId: 'event-reopened' }))
      .then([event.followUpDue({ followUpId: 'follow-up-2', triggerEventId: 'event-reopened' })]);
  });

  it('rejects raising on a closed case', () => {
    given(caseDecider, [...history.identified(), event.caseClosed()])
      .when(command.raiseFollowUp())
      .thenThrows('case_closed', 'conflict');
  });
});

describe('when a team member claims a follow-up', () => {
  it('records the claim', () => {
    given(caseDecider, due()).when(command.claimFollowUp()).then([event.followUpClaimed()]);
  });

  it('records nothing when the holder claims it again', () => {
    given(caseDecider, [...due(), event.followUpClaimed()])
      .when(command.claimFollowUp())
      .then([]);
  });

  it('answers already_claimed when someone else holds it', () => {
    const other = { ...command.claimFollowUp(), actorId: OTHER };
    given(caseDecider, [...due(), event.followUpClaimed()])
      .when(other)
      .thenThrows('already_claimed', 'conflict');
  });

  it('answers follow_up_not_found for an unknown follow-up', () => {
    given(caseDecider, due())
      .when(command.claimFollowUp({ followUpId: 'nope' }))
      .thenThrows('follow_up_not_found', 'not_found');
  });

  it('refuses a follow-up that was completed or resolved', () => {
    given(caseDecider, [...due(), event.followUpCompleted()])
      .when(command.claimFollowUp())
      .thenThrows('follow_up_closed', 'conflict');
    given(caseDecider, [...due(), event.consentOffered()])
      .when(command.claimFollowUp())
      .thenThrows('follow_up_closed', 'conflict');
  });

  it('lets a snoozed follow-up be claimed', () => {
    given(caseDecider, [...due(), event.followUpSnoozed()])
      .when(command.claimFollowUp())
      .then([event.followUpClaimed()]);
  });
});

describe('when a follow-up is completed', () => {
  it('records the outcome, by whoever completes an unclaimed item', () => {
    given(caseDecider, due()).when(command.completeFollowUp()).then([event.followUpCompleted()]);
  });

  it('lets the holder complete it', () => {
    given(caseDecider, [...due(), event.followUpClaimed()])
      .when(command.completeFollowUp())
      .then([event.followUpCompleted()]);
  });

  it('answers already_claimed to anyone but the holder', () => {
    given(caseDecider, [...due(), event.followUpClaimed()])
      .when({ ...command.completeFollowUp(), actorId: OTHER })
      .thenThrows('already_claimed');
  });

  it('refuses completing twice', () => {
    given(caseDecider, [...due(), event.followUpCompleted()])
      .when(command.completeFollowUp())
      .thenThrows('follow_up_closed');
  });

  it('rejects a completion dated before identification', () => {
    given(caseDecider, due())
      .when(command.completeFollowUp({ completedOn: '2024-09-01' }))
      .thenThrows('date_before_identification');
  });

  it('rejects completing on a closed case', () => {
    given(caseDecider, [...due(), event.caseClosed()])
      .when(command.completeFollowUp({ completedOn: '2024-12-02' }))
      .thenThrows('case_closed');
  });
});

describe('when a follow-up is snoozed', () => {
  it('records until when', () => {
    given(caseDecider, due()).when(command.snoozeFollowUp()).then([event.followUpSnoozed()]);
  });

  it('lets a snoozed follow-up be snoozed again', () => {
    given(caseDecider, [...due(), event.followUpSnoozed()])
      .when(command.snoozeFollowUp({ until: '2024-10-20T13:00:00.000Z' }))
      .then([event.followUpSnoozed({ until: '2024-10-20T13:00:00.000Z' })]);
  });

  it('refuses a snooze that does not end after the request', () => {
    given(caseDecider, due())
      .when(command.snoozeFollowUp({ until: '2024-10-08T13:00:00.000Z' }))
      .thenThrows('snooze_not_in_future', 'conflict');
  });

  it('snoozes up to 90 days after the request, and no further', () => {
    given(caseDecider, due())
      .when(command.snoozeFollowUp({ until: '2025-01-06T13:00:00.000Z' }))
      .then([event.followUpSnoozed({ until: '2025-01-06T13:00:00.000Z' })]);
    given(caseDecider, due())
      .when(command.snoozeFollowUp({ until: '2025-01-06T13:00:00.001Z' }))
      .thenThrows('snooze_too_far', 'conflict');
  });

  it('answers already_claimed to anyone but the holder', () => {
    given(caseDecider, [...due(), event.followUpClaimed()])
      .when({ ...command.snoozeFollowUp(), actorId: OTHER })
      .thenThrows('already_claimed');
  });
});

describe('when follow-ups evolve the case state', () => {
  it('tracks a follow-up from due through claim, snooze and completion', () => {
    expect(caseAfter(due()).followUps).toEqual([
      {
        ...event.followUpDue().data,
        state: 'open',
        assignee: null,
        snoozedUntil: null,
        resolution: null,
        completedOn: null,
        pii: {},
      },
    ]);
    const worked = caseAfter([...due(), event.followUpClaimed(), event.followUpSnoozed()]).followUps[0];
    expect(worked).toMatchObject({
      state: 'snoozed',
      assignee: TEAM_MEMBER,
      snoozedUntil: '2024-10-12T13:00:00.000Z',
    });
    const done = caseAfter([...due(), event.followUpCompleted()]).followUps[0];
    expect(done).toMatchObject({
      state: 'completed',
      resolution: 'family_contacted',
      completedOn: '2024-10-09',
      pii: { outcome: 'called the family' },
    });
  });
});
