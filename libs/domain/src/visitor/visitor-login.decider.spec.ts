import { fold } from '../decider';
import { given } from '../testing/given';
import type { ClaimVisitorLogin, VisitorLoginEvent } from './visitor-login';
import { visitorLoginDecider } from './visitor-login.decider';

const claimed = (visitorId: string): VisitorLoginEvent => ({
  type: 'VisitorLoginClaimed.v1',
  data: { districtId: 'district-1', visitorId },
});
const claim = (visitorId: string, holderStillHolds: boolean): ClaimVisitorLogin => ({
  type: 'ClaimVisitorLogin',
  data: { districtId: 'district-1', visitorId, holderStillHolds },
  actorId: 'user-coordinator',
});

describe('when a visitor claims a login', () => {
  it('records the claim when no visitor ever held the login', () => {
    given(visitorLoginDecider, [])
      .when(claim('visitor-a', false))
      .then([claimed('visitor-a')]);
  });

  it('rejects the claim while another visitor holds the login', () => {
    given(visitorLoginDecider, [claimed('visitor-a')])
      .when(claim('visitor-b', true))
      .thenThrows('subject_taken', 'conflict');
  });

  it('records the claim when the holder never completed its registration', () => {
    given(visitorLoginDecider, [claimed('visitor-a')])
      .when(claim('visitor-b', false))
      .then([claimed('visitor-b')]);
  });

  it('records nothing when the claiming visitor already holds the login (a retried registration)', () => {
    given(visitorLoginDecider, [claimed('visitor-a')])
      .when(claim('visitor-a', true))
      .then([]);
  });
});

describe('when login claims are folded', () => {
  it('holds the visitor that claimed last, and nobody before any claim', () => {
    expect(fold(visitorLoginDecider, [claimed('visitor-a'), claimed('visitor-b')])).toEqual({
      holderVisitorId: 'visitor-b',
    });
    expect(fold(visitorLoginDecider, [])).toEqual({ holderVisitorId: null });
  });
});
