import type { Principal } from '@leap/auth';
import { minTreatedFor } from './suppression-threshold';

const as = (role: Principal['role']): Principal => ({
  issuer: 'test',
  sub: 'u',
  name: null,
  role,
  districtId: role === 'state_analyst' || role === 'admin' ? null : 'd1',
  schoolIds: null,
});

describe('the impact suppression threshold', () => {
  it('is 20 served students unless configured', () => {
    expect(minTreatedFor(as('fidelity_monitor'), {})).toBe(20);
  });

  it('follows LEAP_IMPACT_MIN_TREATED for districts and admins, and ignores a value that is not a whole number', () => {
    expect(minTreatedFor(as('coordinator'), { LEAP_IMPACT_MIN_TREATED: '5' })).toBe(5);
    expect(minTreatedFor(as('admin'), { LEAP_IMPACT_MIN_TREATED: '40' })).toBe(40);
    expect(minTreatedFor(as('admin'), { LEAP_IMPACT_MIN_TREATED: 'few' })).toBe(20);
    expect(minTreatedFor(as('admin'), { LEAP_IMPACT_MIN_TREATED: '0' })).toBe(20);
  });

  it('never goes below 20 for state analysts, whose tables leave the districts', () => {
    expect(minTreatedFor(as('state_analyst'), { LEAP_IMPACT_MIN_TREATED: '5' })).toBe(20);
    expect(minTreatedFor(as('state_analyst'), { LEAP_IMPACT_MIN_TREATED: '30' })).toBe(30);
  });
});
