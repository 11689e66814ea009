import type { CaseEvent, ReasonPii } from './events';
import type { FreeTextCaseEventV1 } from './events-v1';

/**
 * Free text written into clear fields by the `.v1` versions, read as the `.v2` that keeps it in
 * `pii`: every word is kept, as what it was (written by a person). No code was chosen then, so coded
 * views are empty (`null`, `[]`): a legacy reason is never guessed into a code.
 */
export function upcastFreeText(event: FreeTextCaseEventV1): CaseEvent {
  switch (event.type) {
    case 'ConsentDeclined.v1':
    case 'ConsentWithdrawn.v1': {
      const { respondedOn, reason } = event.data;
      const type = event.type === 'ConsentDeclined.v1' ? 'ConsentDeclined.v2' : 'ConsentWithdrawn.v2';
      return { type, data: { respondedOn, reasonCode: null, pii: reasonPii(reason) } };
    }
    case 'VisitHeld.v1': {
      const { strengths, aspirations, pii, ...data } = event.data;
      return {
        type: 'VisitHeld.v2',
        data: { ...data, strengthCodes: [], pii: { ...pii, strengths, aspirations } },
      };
    }
    case 'VisitMissed.v1':
    case 'VisitCancelled.v1': {
      const { visitId, date, reason, recordedBy } = event.data;
      const type = event.type === 'VisitMissed.v1' ? 'VisitMissed.v2' : 'VisitCancelled.v2';
      return { type, data: { visitId, date, reasonCode: null, pii: reasonPii(reason), recordedBy } };
    }
    case 'EntryVoided.v1': {
      const { reason, ...data } = event.data;
      return { type: 'EntryVoided.v2', data: { ...data, reasonCode: null, pii: reasonPii(reason) } };
    }
    case 'CaseReopened.v1': {
      const { reopenedOn, reason } = event.data;
      return { type: 'CaseReopened.v2', data: { reopenedOn, reasonCode: null, pii: reasonPii(reason) } };
    }
    case 'FollowUpCompleted.v1': {
      const { outcome, ...data } = event.data;
      return {
        type: 'FollowUpCompleted.v2',
        data: { ...data, resolution: null, pii: outcome === '' ? {} : { outcome } },
      };
    }
  }
}

/**
 * A reason as `pii` holds it: absent when nothing was written. The API writes reasons through this
 * too, so a legacy event and a current one with the same words fold alike.
 */
export const reasonPii = (reason: string | null | undefined): ReasonPii =>
  typeof reason === 'string' && reason !== '' ? { reason } : {};
