import { fold } from '../decider';
import { given } from '../testing/given';
import type { PartnerEvent, PartnerProfile } from './partner';
import { partnerDecider } from './partner.decider';

const profile: PartnerProfile = {
  partnerId: 'partner-bus',
  districtId: 'd1',
  name: 'City bus pass program',
  resourceTypes: ['transportation'],
  languages: ['en', 'es'],
  contact: { phone: '+1 860 555 0100', url: 'https://bus.example.org' },
};
const registered: PartnerEvent = { type: 'PartnerRegistered.v1', data: profile };
const deactivated: PartnerEvent = { type: 'PartnerDeactivated.v1', data: { partnerId: 'partner-bus' } };
const register = { type: 'RegisterPartner', data: profile, actorId: 'coord' } as const;
const deactivate = { type: 'DeactivatePartner', data: {}, actorId: 'coord' } as const;

describe('when a partner is registered', () => {
  it('records the partner', () => {
    given(partnerDecider, []).when(register).then([registered]);
  });

  it('rejects registering the same partner again', () => {
    given(partnerDecider, [registered]).when(register).thenThrows('partner_exists', 'conflict');
  });
});

describe('when a partner is deactivated', () => {
  it('records the deactivation', () => {
    given(partnerDecider, [registered]).when(deactivate).then([deactivated]);
  });

  it('records nothing for a partner already inactive', () => {
    given(partnerDecider, [registered, deactivated]).when(deactivate).then([]);
  });

  it('rejects deactivating a partner that is not registered', () => {
    given(partnerDecider, []).when(deactivate).thenThrows('partner_not_found', 'not_found');
  });
});

describe('when partner events are folded', () => {
  it('is active from its registration until its deactivation', () => {
    expect(fold(partnerDecider, [registered])).toEqual({ ...profile, status: 'registered', active: true });
    expect(fold(partnerDecider, [registered, deactivated])).toMatchObject({ active: false });
  });
});
