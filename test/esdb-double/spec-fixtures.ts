import { randomUUID } from 'node:crypto';
import {
  EventStoreDBClient,
  jsonEvent,
  type AllStreamResolvedEvent,
  type JSONEventType,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { EsdbDouble, type EsdbDoubleOptions } from './esdb-double';

/** One double and one real client for a `describe` block, torn down with it. */
export function useDouble(options: EsdbDoubleOptions) {
  const context: { double?: EsdbDouble; client?: EventStoreDBClient } = {};
  beforeAll(async () => {
    context.double = await EsdbDouble.start(options);
    context.client = EventStoreDBClient.connectionString(context.double.connectionString);
  });
  afterAll(async () => {
    await context.client?.dispose();
    await context.double?.stop();
  });
  return {
    double: () => context.double ?? missing('double'),
    client: () => context.client ?? missing('client'),
  };
}

function missing(what: string): never {
  throw new Error(`The ${what} exists only inside a test`);
}

/** A stream name no other test uses: `<category>-<id>`. */
export const newStream = (category = 'case') => `${category}${randomUUID().slice(0, 8)}-1`;

export const events = (count: number, type = 'ThingHappened.v1', extra: Record<string, string> = {}) =>
  Array.from({ length: count }, (_, index) => jsonEvent<JSONEventType>({ type, data: { index, ...extra } }));

export async function collect<T extends ResolvedEvent | AllStreamResolvedEvent>(
  read: AsyncIterable<T>,
): Promise<T[]> {
  const all: T[] = [];
  for await (const resolved of read) all.push(resolved);
  return all;
}

/** Waits until `predicate` holds, polling; fails after `ms`. */
export async function eventually(
  predicate: () => boolean,
  ms = 3_000,
  what = 'the condition',
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
