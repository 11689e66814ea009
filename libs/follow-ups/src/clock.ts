/** Where follow-ups read the time: injectable, so tests and demos control when timers are due. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };
