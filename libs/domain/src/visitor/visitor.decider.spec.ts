import { fold } from '../decider';
import { given } from '../testing/given';
import type { RecordVisitorTraining, VisitorEvent, VisitorProfile } from './visitor';
import { visitorDecider } from './visitor.decider';

const profile: VisitorProfile = {
  visitorId: 'visitor-a',
  name: 'Maria Lopez',
  subject: 'sub-a',
  role: 'family_liaison',
  organization: { type: 'community', name: 'Family Center' },
  districtId: 'district-1',
  languages: ['en', 'es'],
};
const registered: VisitorEvent = { type: 'VisitorRegistered.v1', data: profile };
const trained = (training: string, completedOn: string): VisitorEvent => ({
  type: 'VisitorTrainingCompleted.v1',
  data: { visitorId: 'visitor-a', training, completedOn },
});
const recordTraining = (training: string, completedOn: string): RecordVisitorTraining => ({
  type: 'RecordVisitorTraining',
  data: { training, completedOn },
  actorId: 'user-coordinator',
});

describe('when a visitor is registered', () => {
  it('records the profile', () => {
    given(visitorDecider, [])
      .when({ type: 'RegisterVisitor', data: profile, actorId: 'user-coordinator' })
      .then([registered]);
  });

  it('rejects registering the same visitor again', () => {
    given(visitorDecider, [registered])
      .when({ type: 'RegisterVisitor', data: profile, actorId: 'user-coordinator' })
      .thenThrows('visitor_exists', 'conflict');
  });
});

describe('when a training is recorded', () => {
  it('records the completed training', () => {
    given(visitorDecider, [registered])
      .when(recordTraining('LEAP 101', '2024-08-20'))
      .then([trained('LEAP 101', '2024-08-20')]);
  });

  it('records nothing when the same training on the same date is already recorded', () => {
    given(visitorDecider, [registered, trained('LEAP 101', '2024-08-20')])
      .when(recordTraining('LEAP 101', '2024-08-20'))
      .then([]);
  });

  it('records the same training again on another date', () => {
    given(visitorDecider, [registered, trained('LEAP 101', '2024-08-20')])
      .when(recordTraining('LEAP 101', '2025-08-19'))
      .then([trained('LEAP 101', '2025-08-19')]);
  });

  it('rejects a training for a visitor who is not registered', () => {
    given(visitorDecider, [])
      .when(recordTraining('LEAP 101', '2024-08-20'))
      .thenThrows('visitor_not_found', 'not_found');
  });
});

describe('when visitor events are folded', () => {
  it('keeps the profile and every training in order', () => {
    const state = fold(visitorDecider, [
      registered,
      trained('LEAP 101', '2024-08-20'),
      trained('Safety', '2024-09-01'),
    ]);
    expect(state).toEqual({
      ...profile,
      status: 'registered',
      trainings: [
        { training: 'LEAP 101', completedOn: '2024-08-20' },
        { training: 'Safety', completedOn: '2024-09-01' },
      ],
    });
  });
});
