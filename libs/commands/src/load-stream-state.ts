import type { Decider } from '@leap/domain';
import { StreamNotFoundError, type EventStore, type Position, type RecordedEvent } from '@leap/event-store';
import type { CommandContext } from './command-context';
import { IdempotencyKeyReusedError } from './errors';
import { streamStateCacheOf, type CachedStream, type IdempotentWrite } from './stream-state-cache';

type DomainEvent = { type: string; data: object };
type Folding<Event, State> = Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>;

/** Idempotent commands remembered per cached stream; older ones are found in the history. */
export const IDEMPOTENCY_INDEX_SIZE = 64;

/** A stream's current state, as folded from every event stored up to `revision`. */
export interface StreamState<State> {
  state: State;
  /** The stream's last revision (null: no events). */
  revision: bigint | null;
  position: Position | null;
  /** What an earlier command with this context's idempotency key wrote, or null; throws if the key was reused. */
  idempotentAnswer(context: CommandContext): Promise<{ revision: bigint; position: Position } | null>;
}

/**
 * Reads a stream's state through this process's cache: a cached fold is extended with the events
 * stored after its revision (one read from that revision, which also catches writes of other
 * processes and EventStoreDB peers), so a command costs the same on a 10-event and a 1,000-event
 * case. A miss, or a tail that does not start right after the cached revision, folds the whole
 * stream. A tombstoned stream throws `StreamDeletedError` and is forgotten.
 */
export async function loadStreamState<Event extends DomainEvent, State>(
  store: EventStore,
  streamId: string,
  decider: Folding<Event, State>,
): Promise<StreamState<State>> {
  const cache = streamStateCacheOf(store);
  const cached = cache.get(streamId) as CachedStream<State> | undefined;
  let entry: CachedStream<State> | null = null;
  if (cached?.decider === decider) {
    const tail = await readFrom(store, streamId, cached.revision + 1n).catch((error: unknown) => {
      cache.forget(streamId);
      throw error;
    });
    if (tail !== null && (tail.length === 0 || tail[0]?.revision === cached.revision + 1n))
      entry = tail.length === 0 ? cached : extend(cached, tail);
  }
  if (!entry) {
    cache.forget(streamId);
    const history = (await readFrom(store, streamId, 0n)) ?? [];
    if (history.length === 0) return emptyStream(decider.initialState());
    entry = extend(emptyEntry(decider), history);
  }
  if (entry !== cached) cache.set(streamId, entry);
  const { state, revision, position } = entry;
  return {
    state,
    revision,
    position,
    idempotentAnswer: (context) => idempotentAnswer(store, streamId, entry, context),
  };
}

/** Forgets the cached state of a stream whose append met another writer's events. */
export function forgetAfterConflict(store: EventStore, streamId: string): void {
  streamStateCacheOf(store).forget(streamId);
}

/** The stream's events from a revision; null when the stream has no events at all. */
async function readFrom(store: EventStore, streamId: string, fromRevision: bigint) {
  try {
    return await store.readStream(streamId, fromRevision === 0n ? undefined : { fromRevision });
  } catch (error) {
    if (error instanceof StreamNotFoundError) return null;
    throw error;
  }
}

function emptyEntry<Event, State>(decider: Folding<Event, State>): CachedStream<State> {
  const state = decider.initialState();
  return {
    decider,
    state,
    revision: -1n,
    position: '',
    idempotency: new Map(),
    idempotencyComplete: true,
    bytes: 0,
  };
}

function emptyStream<State>(state: State): StreamState<State> {
  return { state, revision: null, position: null, idempotentAnswer: () => Promise.resolve(null) };
}

/** A new entry: the cached one with these events (in revision order, right after it) folded in. */
function extend<Event extends DomainEvent, State>(
  entry: CachedStream<State>,
  events: RecordedEvent[],
): CachedStream<State> {
  const decider = entry.decider as Folding<Event, State>;
  let { state, idempotencyComplete, bytes } = entry;
  const idempotency = new Map(entry.idempotency);
  for (const event of events) {
    state = decider.evolve(state, { type: event.type, data: event.data } as unknown as Event);
    bytes += approximateBytes(event);
    const write = idempotentWriteOf(event);
    if (!write) continue;
    const commandId = String(event.metadata.commandId);
    idempotency.delete(commandId);
    idempotency.set(commandId, write);
    if (idempotency.size > IDEMPOTENCY_INDEX_SIZE) {
      const [oldest] = idempotency.keys();
      if (oldest !== undefined) idempotency.delete(oldest);
      idempotencyComplete = false;
    }
  }
  const last = events[events.length - 1] ?? entry;
  return {
    ...entry,
    state,
    revision: last.revision,
    position: last.position,
    idempotency,
    idempotencyComplete,
    bytes,
  };
}

function idempotentWriteOf(event: RecordedEvent): IdempotentWrite | null {
  const { idempotencyKey, commandId, actorId, requestHash } = event.metadata;
  if (typeof idempotencyKey !== 'string' || typeof commandId !== 'string') return null;
  return {
    key: idempotencyKey,
    actorId: String(actorId),
    requestHash: String(requestHash),
    revision: event.revision,
    position: event.position,
  };
}

/** Data and metadata as JSON, plus the record around them: a proxy for what the fold keeps. */
function approximateBytes(event: RecordedEvent): number {
  return JSON.stringify(event.data).length + JSON.stringify(event.metadata).length + 128;
}

/**
 * The same login's same key with the same request answers with what the first command wrote, even
 * after other commands came in between; with a different request it is refused. The command id is
 * derived from the login and the key, so it identifies both (another login's key is another
 * command). Looked up in the entry's index; when older commands fell out of it, in the history.
 */
async function idempotentAnswer(
  store: EventStore,
  streamId: string,
  entry: CachedStream,
  context: CommandContext,
): Promise<{ revision: bigint; position: Position } | null> {
  const idempotency = context.idempotency;
  if (!idempotency) return null;
  let written: IdempotentWrite | null = entry.idempotency.get(context.commandId) ?? null;
  if (!written && !entry.idempotencyComplete) {
    const history = (await readFrom(store, streamId, 0n)) ?? [];
    for (const event of history) {
      if (event.revision > entry.revision || event.metadata.commandId !== context.commandId) continue;
      written = idempotentWriteOf(event) ?? written;
    }
  }
  if (!written || written.key !== idempotency.key || written.actorId !== context.actor.id) return null;
  if (written.requestHash !== idempotency.requestHash) throw new IdempotencyKeyReusedError(idempotency.key);
  return { revision: written.revision, position: written.position };
}
