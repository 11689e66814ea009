import { ClientTrackers } from './client-trackers';

describe('ClientTrackers', () => {
  const trackers = new ClientTrackers(new Uint8Array(32).fill(7));

  it('names a login by a keyed hash, per issuer, never in clear', () => {
    const tracker = trackers.login('leap-case-embedded', 'maya.lopez');
    expect(tracker).toMatch(/^login-[0-9a-f]{20}$/);
    expect(tracker).toBe(trackers.login('leap-case-embedded', 'maya.lopez'));
    expect(tracker).not.toBe(trackers.login('https://idp.example.org', 'maya.lopez'));
    expect(tracker).not.toBe(
      new ClientTrackers(new Uint8Array(32).fill(8)).login('leap-case-embedded', 'maya.lopez'),
    );
  });

  it('names a client address by a keyed hash; an IPv6 address by its /64, a mapped IPv4 as itself', () => {
    expect(trackers.address('203.0.113.5')).toMatch(/^addr-[0-9a-f]{20}$/);
    expect(trackers.address('203.0.113.5')).not.toBe(trackers.address('203.0.113.6'));
    expect(trackers.address('::ffff:203.0.113.5')).toBe(trackers.address('203.0.113.5'));
    expect(trackers.address('2001:db8:1:2::1')).toBe(trackers.address('2001:db8:1:2:ffff::9'));
    expect(trackers.address('2001:db8:1:2::1')).not.toBe(trackers.address('2001:db8:1:3::1'));
  });
});
