import { applyRole, parseRole } from './roles';

describe('LEAP_ROLE', () => {
  describe('when the API entry point starts', () => {
    it('runs everything without a role, following LEAP_FOLLOW_UP_WORKERS', () => {
      expect(applyRole('api', { NODE_ENV: 'production' })).toEqual({
        role: 'all',
        http: true,
        projections: true,
        followUpWorkers: true,
      });
      expect(applyRole('api', { LEAP_ROLE: 'all', NODE_ENV: 'test' }).followUpWorkers).toBe(false);
    });

    it('never runs the follow-up workers as api, even when they are switched on', () => {
      const env: NodeJS.ProcessEnv = { LEAP_ROLE: 'api', LEAP_FOLLOW_UP_WORKERS: 'on' };
      expect(applyRole('api', env)).toEqual({
        role: 'api',
        http: true,
        projections: true,
        followUpWorkers: false,
      });
      expect(env.LEAP_FOLLOW_UP_WORKERS).toBe('off');
    });

    it('keeps LEAP_PROJECTIONS=off for an api whose projections run elsewhere', () => {
      expect(applyRole('api', { LEAP_ROLE: 'api', LEAP_PROJECTIONS: 'off' }).projections).toBe(false);
    });

    it('refuses the worker role, which has its own entry point', () => {
      expect(() => applyRole('api', { LEAP_ROLE: 'worker' })).toThrow(/dist\/apps\/worker\/src\/main\.js/);
    });
  });

  describe('when the worker entry point starts', () => {
    it('runs projections and follow-up workers, also under NODE_ENV=test', () => {
      expect(applyRole('worker', { NODE_ENV: 'test' })).toEqual({
        role: 'worker',
        http: false,
        projections: true,
        followUpWorkers: true,
      });
    });

    it('leaves the follow-up workers off when explicitly switched off', () => {
      expect(applyRole('worker', { LEAP_FOLLOW_UP_WORKERS: 'off' }).followUpWorkers).toBe(false);
    });

    it('refuses the api and all roles', () => {
      expect(() => applyRole('worker', { LEAP_ROLE: 'api' })).toThrow(/dist\/apps\/api\/src\/main\.js/);
      expect(() => applyRole('worker', { LEAP_ROLE: 'all' })).toThrow(/not the worker entry point/);
    });
  });

  it('rejects an unknown role and accepts any case', () => {
    expect(() => parseRole('workers', 'all')).toThrow(
      'LEAP_ROLE=workers is not a role: use all, api, worker',
    );
    expect(parseRole(' API ', 'all')).toBe('api');
    expect(parseRole('', 'worker')).toBe('worker');
  });
});
