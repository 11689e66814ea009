import { assertNever, conflict, notFound, type Decider } from '../decider';
import type { PartnerCommand, PartnerEvent, PartnerState } from './partner';

/** A partner is registered once and deactivated at most once (deactivating again records nothing). */
function decide(command: PartnerCommand, state: PartnerState): PartnerEvent[] {
  switch (command.type) {
    case 'RegisterPartner':
      if (state.status !== 'none')
        throw conflict('partner_exists', `Partner ${state.partnerId} is already registered`);
      return [{ type: 'PartnerRegistered.v1', data: command.data }];
    case 'DeactivatePartner':
      if (state.status === 'none') throw notFound('partner_not_found', 'There is no such partner');
      return state.active ? [{ type: 'PartnerDeactivated.v1', data: { partnerId: state.partnerId } }] : [];
    default:
      return assertNever(command);
  }
}

function evolve(state: PartnerState, event: PartnerEvent): PartnerState {
  switch (event.type) {
    case 'PartnerRegistered.v1':
      return state.status === 'none' ? { ...event.data, status: 'registered', active: true } : state;
    case 'PartnerDeactivated.v1':
      return state.status === 'none' ? state : { ...state, active: false };
    default:
      return assertNever(event);
  }
}

/** One community partner of the resource directory, stream `partner-<partnerId>`. */
export const partnerDecider: Decider<PartnerCommand, PartnerEvent, PartnerState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
