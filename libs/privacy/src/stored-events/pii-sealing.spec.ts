import { piiSealingOf } from './pii-sealing';
import { openApplicationStores } from './application-event-store';

describe('whether personal data is sealed on its way into the event store', () => {
  it('is always on unless a benchmark turns it off', () => {
    expect(piiSealingOf({})).toBe('on');
    expect(piiSealingOf({ LEAP_PII_SEALING: 'on', NODE_ENV: 'production' })).toBe('on');
    expect(piiSealingOf({ LEAP_PII_SEALING: 'off', NODE_ENV: 'benchmark' })).toBe('off');
  });

  it.each([{}, { NODE_ENV: 'production' }, { NODE_ENV: 'test' }])(
    'refuses to start with LEAP_PII_SEALING=off under %j',
    (env) => {
      expect(() => piiSealingOf({ ...env, LEAP_PII_SEALING: 'off' })).toThrow(/benchmarks only/);
    },
  );

  it('refuses a value it does not know rather than guess', () => {
    expect(() => piiSealingOf({ LEAP_PII_SEALING: 'no', NODE_ENV: 'benchmark' })).toThrow(/on or off/);
  });
});

describe('the application event store with LEAP_PII_SEALING=off', () => {
  it('is refused outside a benchmark, before it opens anything', () => {
    const env = { LEAP_DATA_DIR: '/nonexistent/leap', LEAP_PII_SEALING: 'off', NODE_ENV: 'production' };
    expect(() => openApplicationStores(env)).toThrow(/benchmarks only/);
  });
});
