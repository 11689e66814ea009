import { given } from '../testing/given';
import { caseDecider } from './case.decider';
import { command, event, history } from './case.fixtures';
import type { CaseCommand } from './commands';
import type { CaseEvent } from './events';

const declined = (): CaseEvent[] => [
  ...history.offered(),
  event.consentDeclined({ pii: { reason: 'too busy' } }),
];
const withdrawn = (): CaseEvent[] => [...history.consenting(), event.consentWithdrawn()];

describe('when consent is offered', () => {
  it('records the offer and its channel', () => {
    given(caseDecider, history.identified())
      .when(command.offerConsent({ channel: 'letter' }))
      .then([event.consentOffered({ channel: 'letter' })]);
  });

  it('records a second offer while the first is unanswered', () => {
    given(caseDecider, history.offered())
      .when(command.offerConsent({ offeredOn: '2024-10-08' }))
      .then([event.consentOffered({ offeredOn: '2024-10-08' })]);
  });

  it('offers again to a family that declined', () => {
    given(caseDecider, declined())
      .when(command.offerConsent({ offeredOn: '2024-11-01' }))
      .then([event.consentOffered({ offeredOn: '2024-11-01' })]);
  });

  it('offers again to a family that withdrew', () => {
    given(caseDecider, withdrawn())
      .when(command.offerConsent({ offeredOn: '2024-11-01' }))
      .then([event.consentOffered({ offeredOn: '2024-11-01' })]);
  });

  it('rejects an offer to a family that has granted consent', () => {
    given(caseDecider, history.consenting())
      .when(command.offerConsent())
      .thenThrows('consent_already_granted', 'conflict');
  });
});

describe('when a family answers an offer', () => {
  it('records consent granted', () => {
    given(caseDecider, history.offered()).when(command.respondToConsent()).then([event.consentGranted()]);
  });

  it('records consent declined with its coded reason and, as personal data, its words', () => {
    given(caseDecider, history.offered())
      .when(
        command.respondToConsent({
          decision: 'declined',
          reasonCode: 'no_time',
          pii: { reason: 'too busy' },
        }),
      )
      .then([event.consentDeclined({ reasonCode: 'no_time', pii: { reason: 'too busy' } })]);
  });

  it('keeps no reason on a grant', () => {
    given(caseDecider, history.offered())
      .when(command.respondToConsent({ reasonCode: 'other', pii: { reason: 'happy to' } }))
      .then([event.consentGranted()]);
  });

  it.each<[string, () => CaseEvent[]]>([
    ['never offered', history.identified],
    ['declined', declined],
    ['withdrawn', withdrawn],
    ['already granted', history.consenting],
  ])('rejects a grant when consent was %s', (_name, past) => {
    given(caseDecider, past()).when(command.respondToConsent()).thenThrows('consent_not_offered', 'conflict');
  });

  it('rejects a decline when consent was never offered', () => {
    given(caseDecider, history.identified())
      .when(command.respondToConsent({ decision: 'declined' }))
      .thenThrows('consent_not_offered');
  });

  it('grants consent after a decline once the family is offered again', () => {
    given(caseDecider, [...declined(), event.consentOffered({ offeredOn: '2024-11-01' })])
      .when(command.respondToConsent({ respondedOn: '2024-11-02' }))
      .then([event.consentGranted({ respondedOn: '2024-11-02' })]);
  });
});

describe('when a family withdraws consent', () => {
  it('records the withdrawal with the reason', () => {
    given(caseDecider, history.consenting())
      .when(
        command.respondToConsent({
          decision: 'withdrawn',
          respondedOn: '2024-10-20',
          reasonCode: 'moving',
          pii: { reason: 'moving to Rosa’s sister' },
        }),
      )
      .then([event.consentWithdrawn({ reasonCode: 'moving', pii: { reason: 'moving to Rosa’s sister' } })]);
  });

  it.each<[string, () => CaseEvent[]]>([
    ['only offered', history.offered],
    ['declined', declined],
    ['withdrawn', withdrawn],
  ])('rejects the withdrawal when consent was %s', (_name, past) => {
    given(caseDecider, past())
      .when(command.respondToConsent({ decision: 'withdrawn' }))
      .thenThrows('consent_not_granted', 'conflict');
  });
});

describe('when contact needs consent the family has not granted', () => {
  const contacts: [string, CaseCommand][] = [
    ['ScheduleVisit', command.scheduleVisit()],
    ['RecordVisitHeld', command.recordVisitHeld()],
    ['RecordFollowUpCall', command.recordFollowUpCall()],
    ['ReferResource', command.referResource()],
  ];
  const withoutConsent: [string, () => CaseEvent[]][] = [
    ['none', history.identified],
    ['offered', history.offered],
    ['declined', declined],
    ['withdrawn', withdrawn],
  ];

  it.each(
    contacts.flatMap(([name, cmd]) =>
      withoutConsent.map(([consent, past]) => [name, consent, cmd, past] as const),
    ),
  )('rejects %s while consent is %s', (_name, _consent, cmd, past) => {
    given(caseDecider, past()).when(cmd).thenThrows('consent_required', 'conflict');
  });
});
