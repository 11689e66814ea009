import { setTimeout as sleep } from 'node:timers/promises';
import type { Decider } from '@leap/domain';
import {
  StreamNotFoundError,
  WrongExpectedRevisionError,
  type EventStore,
  type JsonObject,
  type Position,
  type RecordedEvent,
} from '@leap/event-store';
import type { CommandContext, Scope } from './command-context';
import { deterministicUuid } from './deterministic-id';
import { ConcurrencyRetriesExhaustedError, RevisionConflictError } from './errors';
import { forgetAfterConflict, loadStreamState } from './load-stream-state';
import { buildMetadata } from './metadata';
import { withStreamLock } from './stream-lock';

type DomainEvent = { type: string; data: object };

export interface CommandOutcome<State> {
  streamId: string;
  /** Revision of the stream's last event after the command (null: the stream still has none). */
  revision: bigint | null;
  /** Global position of the stream's last event after the command. */
  position: Position | null;
  /** State after the command. */
  state: State;
  /** Events this command appended (empty for a no-op or a replayed retry). */
  appended: DomainEvent[];
  /** True when an earlier command with the same idempotency key answered instead. */
  replayed: boolean;
}

export interface HandleCommandOptions<Command extends { type: string }, Event extends DomainEvent, State> {
  store: EventStore;
  streamId: string;
  decider: Decider<Command, Event, State>;
  context: CommandContext;
  /** The command, or a function that builds it from the current state (called again on every retry). */
  command: Command | ((state: State) => Command | Promise<Command>);
  /** Scope written into the metadata, from the state the events apply to. */
  scopeOf: (state: State) => Scope;
  /** Throws when the actor may not send this command to this stream (404 out of scope, 403 role). */
  authorize?: (state: State) => void;
  /** Runs after `decide` accepted the command and before its events are appended (e.g. claim a slot in another stream). */
  beforeAppend?: (state: State, events: Event[]) => Promise<void>;
}

const MAX_ATTEMPTS = 8;

/**
 * The one command pipeline: load the stream's state (a cached fold brought up to date with the
 * events stored after it, `loadStreamState`), authorize, answer a retried idempotency key, decide,
 * append with the expected revision. The state after the append is not cached as decided: the next
 * command reads the appended events back (sealed), so the cache only ever holds what the store does.
 * A concurrency conflict forgets the cached state, re-reads and decides again (bounded) unless the
 * client pinned a revision with If-Match, which then fails with 412.
 */
export function handleCommand<Command extends { type: string }, Event extends DomainEvent, State>(
  options: HandleCommandOptions<Command, Event, State>,
): Promise<CommandOutcome<State>> {
  return withStreamLock(options.streamId, () => decideAndAppend(options));
}

async function decideAndAppend<Command extends { type: string }, Event extends DomainEvent, State>(
  options: HandleCommandOptions<Command, Event, State>,
): Promise<CommandOutcome<State>> {
  const { store, streamId, decider, context } = options;
  for (let attempt = 1; ; attempt++) {
    const current = await loadStreamState(store, streamId, decider);
    const { state, revision } = current;
    options.authorize?.(state);
    const earlier = await current.idempotentAnswer(context);
    if (earlier) return { streamId, ...earlier, state, appended: [], replayed: true };
    if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
      throw new RevisionConflictError(streamId, context.expectedRevision, revision);
    }

    const command = typeof options.command === 'function' ? await options.command(state) : options.command;
    const events = decider.decide(command, state);
    if (events.length === 0) {
      return { streamId, revision, position: current.position, state, appended: [], replayed: false };
    }
    const next = events.reduce(decider.evolve, state);
    await options.beforeAppend?.(state, events);
    const metadata = buildMetadata(context, options.scopeOf(next), command.type);
    try {
      const result = await store.appendToStream(
        streamId,
        events.map((event, index) => ({
          id: deterministicUuid(context.commandId, streamId, String(index)),
          type: event.type,
          data: event.data as JsonObject,
          metadata,
        })),
        revision ?? 'no_stream',
      );
      return {
        streamId,
        revision: result.nextRevision,
        position: result.position,
        state: next,
        appended: events,
        replayed: false,
      };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      // Another writer got there first: the cached fold is behind the store, never trust it again.
      forgetAfterConflict(store, streamId);
      if (context.expectedRevision !== undefined) {
        throw new RevisionConflictError(streamId, context.expectedRevision, error.actual);
      }
      if (attempt >= MAX_ATTEMPTS) throw new ConcurrencyRetriesExhaustedError(streamId);
      // Another process wrote first: back off a little, with jitter, before reading again.
      await sleep(Math.random() * 5 * attempt);
    }
  }
}

export async function readHistory(store: EventStore, streamId: string): Promise<RecordedEvent[]> {
  try {
    return await store.readStream(streamId);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}

export function toDomainEvent<Event extends DomainEvent>(recorded: RecordedEvent): Event {
  return { type: recorded.type, data: recorded.data } as unknown as Event;
}
