import { DEFAULT_DEADLINE_MS, EventStoreDeadlineError, deadlineOf, withDeadline } from './deadlines';
import { DEFAULT_RECONNECT, isTransient } from './reconnect';

describe('EventStoreDB adapter deadlines', () => {
  describe('when reading the deadline from the connection string', () => {
    it("takes the client's own defaultDeadline setting, else 10 s", () => {
      expect(deadlineOf('esdb://localhost:2113?tls=false&defaultDeadline=2500')).toBe(2500);
      expect(deadlineOf('esdb://localhost:2113?tls=false')).toBe(DEFAULT_DEADLINE_MS);
    });
  });

  describe('when the work does not settle in time', () => {
    it('rejects with EventStoreDeadlineError and cancels the call', async () => {
      const cancel = jest.fn();
      const never = new Promise<never>(() => undefined);
      await expect(withDeadline(never, 20, 'readStream(case-1)', cancel)).rejects.toEqual(
        new EventStoreDeadlineError('readStream(case-1)', 20),
      );
      expect(cancel).toHaveBeenCalledTimes(1);
    });

    it('passes the outcome through when it settles first, without cancelling', async () => {
      const cancel = jest.fn();
      await expect(withDeadline(Promise.resolve(7), 1_000, 'append', cancel)).resolves.toBe(7);
      await expect(withDeadline(Promise.reject(new Error('boom')), 1_000, 'append', cancel)).rejects.toThrow(
        'boom',
      );
      expect(cancel).not.toHaveBeenCalled();
    });
  });
});

describe('EventStoreDB subscription reconnection', () => {
  it('resubscribes after connection failures only, and backs off up to 5 s', () => {
    expect(isTransient({ type: 'unavailable' })).toBe(true);
    expect(isTransient({ type: 'cancelled' })).toBe(true);
    expect(isTransient({ type: 'not-leader' })).toBe(true);
    expect(isTransient({ type: 'access-denied' })).toBe(false);
    expect(isTransient(new Error('14 UNAVAILABLE'))).toBe(false);
    expect(DEFAULT_RECONNECT.delayMs(1)).toBeLessThanOrEqual(100);
    expect(DEFAULT_RECONNECT.delayMs(50)).toBeGreaterThanOrEqual(3_750);
    expect(DEFAULT_RECONNECT.delayMs(50)).toBeLessThanOrEqual(5_000);
  });
});
