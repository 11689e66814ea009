import { assertNever, conflict, type Decider } from '../decider';
import type { VisitorLoginCommand, VisitorLoginEvent, VisitorLoginState } from './visitor-login';

/**
 * A login links to one visitor per district. A claim succeeds when the login is free: never
 * claimed, or left by a registration that never completed. A repeated claim by the holder appends
 * nothing, so a retried registration that crashed between its two appends can complete.
 */
function decide(command: VisitorLoginCommand, state: VisitorLoginState): VisitorLoginEvent[] {
  switch (command.type) {
    case 'ClaimVisitorLogin': {
      const { districtId, visitorId, holderStillHolds } = command.data;
      if (state.holderVisitorId === visitorId) return [];
      if (state.holderVisitorId !== null && holderStillHolds) {
        throw conflict(
          'subject_taken',
          `This login already belongs to another visitor of district ${districtId}`,
        );
      }
      return [{ type: 'VisitorLoginClaimed.v1', data: { districtId, visitorId } }];
    }
    default:
      return assertNever(command.type);
  }
}

function evolve(_state: VisitorLoginState, event: VisitorLoginEvent): VisitorLoginState {
  switch (event.type) {
    case 'VisitorLoginClaimed.v1':
      return { holderVisitorId: event.data.visitorId };
    default:
      return assertNever(event.type);
  }
}

export const visitorLoginDecider: Decider<VisitorLoginCommand, VisitorLoginEvent, VisitorLoginState> = {
  decide,
  evolve,
  initialState: () => ({ holderVisitorId: null }),
};
