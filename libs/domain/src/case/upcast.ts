import type { CaseEvent, ResourceReferred, ResourceReferredV1, StoredCaseEvent } from './events';
import { upcastFreeText } from './upcast-free-text';

/**
 * A stored case event as the current version of its type. Every fold of a case goes through
 * `evolveCase`, which upcasts first, so commands, read models, follow-up facts and history states
 * all see current events; readers that look at an event's type themselves (projections, follow-up
 * facts, the history) upcast it with this function too. Current events pass through unchanged.
 */
export function upcastCaseEvent(event: StoredCaseEvent): CaseEvent {
  switch (event.type) {
    case 'ResourceReferred.v1':
      return resourceReferredV2(event);
    case 'ConsentDeclined.v1':
    case 'ConsentWithdrawn.v1':
    case 'VisitHeld.v1':
    case 'VisitMissed.v1':
    case 'VisitCancelled.v1':
    case 'EntryVoided.v1':
    case 'CaseReopened.v1':
    case 'FollowUpCompleted.v1':
      return upcastFreeText(event);
    default:
      return event;
  }
}

/**
 * The free-text partner of a v1 referral is kept, as what it was: notes written by a person, so it
 * moves into `pii.notes`. No directory partner was chosen then, so `partnerId` is null.
 */
function resourceReferredV2({ data }: ResourceReferredV1): ResourceReferred {
  const { referralId, referredOn, resourceType, partner, recordedBy } = data;
  return {
    type: 'ResourceReferred.v2',
    data: {
      referralId,
      referredOn,
      resourceType,
      partnerId: null,
      pii: typeof partner === 'string' && partner !== '' ? { notes: partner } : {},
      recordedBy,
    },
  };
}
