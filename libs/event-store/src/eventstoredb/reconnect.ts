import {
  ErrorType,
  type AllStreamSubscription,
  type Position as ClientPosition,
} from '@eventstore/db-client';

/** How a `$all` subscription behaves when its call to the server breaks. */
export interface ReconnectPolicy {
  /** Pause before the n-th consecutive attempt to subscribe again (ms). */
  delayMs(attempt: number): number;
  /**
   * How long a subscription keeps trying without hearing from the server before it gives up and
   * surfaces the error to its consumer (the projection runner then records it and starts over
   * from its own checkpoint).
   */
  maxOutageMs: number;
}

/** 100 ms, 200 ms, ... up to 5 s, with jitter so that many instances do not reconnect in step. */
export const DEFAULT_RECONNECT: ReconnectPolicy = {
  delayMs: (attempt) => Math.min(5_000, 100 * 2 ** Math.min(attempt - 1, 6)) * (0.75 + Math.random() * 0.25),
  maxOutageMs: 60_000,
};

/**
 * Failures of the connection rather than of the request: the server went away (UNAVAILABLE), closed
 * the call (CANCELLED: a restart, a graceful shutdown), or is no longer the leader. The client itself
 * reconnects on its next call after these.
 */
const TRANSIENT = new Set<unknown>([
  ErrorType.UNAVAILABLE,
  ErrorType.CANCELLED,
  ErrorType.NOT_LEADER,
  ErrorType.DEADLINE_EXCEEDED,
]);

export function isTransient(error: unknown): boolean {
  return typeof error === 'object' && error !== null && TRANSIENT.has((error as { type?: unknown }).type);
}

/** Where a resubscribing `$all` subscription gets its calls to the server from. */
export interface SubscriptionSource {
  /** The client's catch-up subscription strictly after `from` (from the start when undefined). */
  open(
    from: ClientPosition | undefined,
    onCheckpoint: (position: ClientPosition) => void,
  ): AllStreamSubscription;
  /** The position of the last record in `$all` (system events included); null for an empty log. */
  head(): Promise<ClientPosition | null>;
}
