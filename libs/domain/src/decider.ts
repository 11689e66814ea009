/**
 * A decider: the whole behaviour of one aggregate as pure functions. `decide` enforces every
 * invariant and returns the events that record the command (possibly none); `evolve` folds one
 * event into state. Neither reads a clock, makes ids or performs I/O.
 */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

export function fold<Event, State>(
  decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>,
  events: Iterable<Event>,
): State {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
}

/** A command that breaks an invariant. `kind` says how an API reports it. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly kind: 'conflict' | 'not_found',
    /** Stable machine-readable code, e.g. `consent_required`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const conflict = (code: string, message: string) => new DomainError('conflict', code, message);
export const notFound = (code: string, message: string) => new DomainError('not_found', code, message);

/** Exhaustiveness guard for switches over unions. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
