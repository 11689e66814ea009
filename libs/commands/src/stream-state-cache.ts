import type { EventStore, Position } from '@leap/event-store';

/** What the first command with an idempotency key wrote: a retry answers with it. */
export interface IdempotentWrite {
  key: string;
  actorId: string;
  requestHash: string;
  /** Revision and position of the command's last event. */
  revision: bigint;
  position: Position;
}

/**
 * A stream's state folded from its stored events up to `revision`, with the idempotent commands
 * those events recorded. Entries are never changed in place: a newer fold replaces the entry.
 */
export interface CachedStream<State = unknown> {
  /** The decider the state was folded with: another decider on the same stream folds afresh. */
  decider: object;
  state: State;
  revision: bigint;
  position: Position;
  /** The most recent idempotent commands, by command id (at most `IDEMPOTENCY_INDEX_SIZE`). */
  idempotency: ReadonlyMap<string, IdempotentWrite>;
  /** False once older idempotent commands fell out of `idempotency`: a key not found there needs the history. */
  idempotencyComplete: boolean;
  /** Approximate bytes: the folded events' data and metadata as JSON, plus the index. */
  bytes: number;
}

export interface StreamStateCacheOptions {
  /** Most streams kept (0: no cache). */
  maxStreams: number;
  /** Most approximate bytes kept over all entries. */
  maxBytes: number;
}

export const DEFAULT_STREAM_STATE_CACHE: StreamStateCacheOptions = {
  maxStreams: 20_000,
  maxBytes: 256 * 1024 * 1024,
};

/**
 * Folded stream states, least recently used evicted first once either bound is passed. Holds only
 * states folded from events as read back from the store (personal data sealed there, never the
 * plain `pii` of a command on its way in), and is only ever a starting point: every reader reads
 * the stream's events after the cached revision before trusting it (`loadStreamState`).
 */
export class StreamStateCache {
  private readonly entries = new Map<string, CachedStream>();
  private totalBytes = 0;

  constructor(readonly options: StreamStateCacheOptions) {}

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  get(streamId: string): CachedStream | undefined {
    const entry = this.entries.get(streamId);
    if (entry) {
      // Re-inserting moves the entry to the most recently used end of the map's order.
      this.entries.delete(streamId);
      this.entries.set(streamId, entry);
    }
    return entry;
  }

  /** Keeps the newer of the entry held and this one (concurrent readers may fold the same stream). */
  set(streamId: string, entry: CachedStream): void {
    if (this.options.maxStreams <= 0 || entry.bytes > this.options.maxBytes) return this.forget(streamId);
    const held = this.entries.get(streamId);
    if (held && held.decider === entry.decider && held.revision >= entry.revision) return;
    this.forget(streamId);
    this.entries.set(streamId, entry);
    this.totalBytes += entry.bytes;
    for (const [oldest, evicted] of this.entries) {
      if (this.entries.size <= this.options.maxStreams && this.totalBytes <= this.options.maxBytes) break;
      this.entries.delete(oldest);
      this.totalBytes -= evicted.bytes;
    }
  }

  forget(streamId: string): void {
    const entry = this.entries.get(streamId);
    if (!entry) return;
    this.entries.delete(streamId);
    this.totalBytes -= entry.bytes;
  }
}

const caches = new WeakMap<EventStore, StreamStateCache>();

/**
 * The cache of commands on this store instance (created on first use with the options of the
 * environment: `LEAP_COMMAND_CACHE_STREAMS`, `LEAP_COMMAND_CACHE_MB`).
 */
export function streamStateCacheOf(store: EventStore): StreamStateCache {
  let cache = caches.get(store);
  if (!cache) {
    cache = new StreamStateCache(streamStateCacheOptionsOf(process.env));
    caches.set(store, cache);
  }
  return cache;
}

/** Gives this store instance a cache with these bounds (tests, benchmarks), dropping what it held. */
export function useStreamStateCache(store: EventStore, options: StreamStateCacheOptions): StreamStateCache {
  const cache = new StreamStateCache(options);
  caches.set(store, cache);
  return cache;
}

/**
 * Drops what this process holds of these streams. Erasure calls it so no state folded before the
 * family's keys were destroyed outlives them (it only ever held sealed personal data, but nothing
 * of an erased family is kept longer than needed).
 */
export function forgetStreamStates(store: EventStore, streamIds: Iterable<string>): void {
  const cache = caches.get(store);
  if (!cache) return;
  for (const streamId of streamIds) cache.forget(streamId);
}

/** @throws Error naming the variable when a bound is not a whole number ≥ 0. */
export function streamStateCacheOptionsOf(env: NodeJS.ProcessEnv): StreamStateCacheOptions {
  const whole = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a whole number ≥ 0`);
    return value;
  };
  return {
    maxStreams: whole('LEAP_COMMAND_CACHE_STREAMS', DEFAULT_STREAM_STATE_CACHE.maxStreams),
    maxBytes: whole('LEAP_COMMAND_CACHE_MB', DEFAULT_STREAM_STATE_CACHE.maxBytes / 2 ** 20) * 2 ** 20,
  };
}
