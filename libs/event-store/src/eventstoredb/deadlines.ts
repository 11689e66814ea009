import { parseConnectionString } from '@eventstore/db-client/dist/Client/parseConnectionString';
import { EventStoreUnavailableError } from '../errors';

/** The client's own default (`defaultDeadline`), which we keep unless the connection string sets one. */
export const DEFAULT_DEADLINE_MS = 10_000;

/**
 * The server did not answer an append or a read in time. The outcome of an append that timed out
 * is unknown (it may still be written): retrying it with the same event ids and expected revision
 * is safe, since the server ignores a re-append of the same ids at the same place.
 */
export class EventStoreDeadlineError extends EventStoreUnavailableError {
  override readonly name = 'EventStoreDeadlineError';
  constructor(
    readonly operation: string,
    readonly deadlineMs: number,
  ) {
    super(`EventStoreDB did not answer ${operation} within ${deadlineMs} ms`);
  }
}

/** The connection string's `defaultDeadline` (ms), which the client applies to its own deadlines too. */
export function deadlineOf(connectionString: string): number {
  const configured = parseConnectionString(connectionString).defaultDeadline;
  return configured !== undefined && configured > 0 ? configured : DEFAULT_DEADLINE_MS;
}

/**
 * Settles with `work`, or rejects with EventStoreDeadlineError after `ms` and calls `onExpire`
 * (which cancels the call, where the client allows it).
 *
 * Why on top of the client's deadlines: client 6.x runs reads, subscriptions and the BatchAppend
 * stream with `deadline: Infinity` (BatchAppend only asks the *server* to give up), and its
 * `ServerFeatures` probe before the first append has no deadline at all, so against a hung server
 * those calls would wait for ever.
 */
export async function withDeadline<T>(
  work: Promise<T>,
  ms: number,
  operation: string,
  onExpire?: () => void,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      work.catch(() => undefined); // settles later, or never: nobody is listening any more
      onExpire?.();
      reject(new EventStoreDeadlineError(operation, ms));
    }, ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
