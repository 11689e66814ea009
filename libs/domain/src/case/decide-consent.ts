import { assertNever, conflict } from '../decider';
import type { OfferConsent, RecordConsentResponse } from './commands';
import type { ConsentDeclined, ConsentGranted, ConsentOffered, ConsentWithdrawn } from './events';
import type { OpenCase } from './state';

/**
 * Participation is voluntary. A family answers an offer; a family that declined or withdrew may be
 * offered again later, and must then answer that new offer before anything needing consent happens.
 */
export function offerConsent(command: OfferConsent, c: OpenCase): ConsentOffered[] {
  if (c.consent === 'granted')
    throw conflict('consent_already_granted', 'The family has already granted consent');
  return [
    { type: 'ConsentOffered.v1', data: { offeredOn: command.data.offeredOn, channel: command.data.channel } },
  ];
}

export function respondToConsent(
  command: RecordConsentResponse,
  c: OpenCase,
): (ConsentGranted | ConsentDeclined | ConsentWithdrawn)[] {
  const { respondedOn, decision, reasonCode, pii } = command.data;
  switch (decision) {
    case 'granted':
      requireOpenOffer(c);
      return [{ type: 'ConsentGranted.v1', data: { respondedOn } }];
    case 'declined':
      requireOpenOffer(c);
      return [{ type: 'ConsentDeclined.v2', data: { respondedOn, reasonCode, pii } }];
    case 'withdrawn':
      if (c.consent !== 'granted')
        throw conflict('consent_not_granted', 'Only granted consent can be withdrawn');
      return [{ type: 'ConsentWithdrawn.v2', data: { respondedOn, reasonCode, pii } }];
    default:
      return assertNever(decision);
  }
}

function requireOpenOffer(c: OpenCase): void {
  if (c.consent !== 'offered') {
    throw conflict(
      'consent_not_offered',
      `There is no open consent offer to answer (consent is ${c.consent})`,
    );
  }
}

/** Visits, follow-up calls and referrals need consent the family has granted and not withdrawn. */
export function requireConsent(c: OpenCase): void {
  if (c.consent !== 'granted') {
    throw conflict('consent_required', `The family has not granted consent (consent is ${c.consent})`);
  }
}
