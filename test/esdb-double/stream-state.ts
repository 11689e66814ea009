import { randomUUID } from 'node:crypto';
import { DELETED_STREAM, NO_STREAM } from './expected-revision';
import type { ProposedEvent, StoredEvent } from './log';

/**
 * One stream: its events by revision (index = revision, nothing is ever removed), its tombstone,
 * and the `$tb` (truncate before) of its latest `$metadata`, which hides older events from reads
 * and marks a soft delete.
 */
export class StreamState {
  private readonly events: StoredEvent[] = [];
  private readonly revisionsById = new Map<string, bigint>();
  private tombstone: StoredEvent | undefined;
  truncateBefore: bigint | undefined;

  constructor(readonly streamId: string) {}

  /** Revision of the last event written (soft-deleted ones included), or -1. */
  get lastRevision(): bigint {
    return BigInt(this.events.length) - 1n;
  }

  get tombstoned(): boolean {
    return this.tombstone !== undefined;
  }

  get softDeleted(): boolean {
    return this.truncateBefore === DELETED_STREAM;
  }

  /** The events a read sees: those at or after `$tb`. */
  get visible(): readonly StoredEvent[] {
    const from = this.truncateBefore ?? 0n;
    if (from >= BigInt(this.events.length)) return [];
    return from > 0n ? this.events.slice(Number(from)) : this.events;
  }

  /** Reads of a stream never written to, or soft-deleted, answer "stream not found". */
  get readable(): boolean {
    return this.lastRevision !== NO_STREAM && !this.softDeleted;
  }

  add(event: StoredEvent): void {
    if (event.revision === DELETED_STREAM) {
      this.tombstone = event;
      return;
    }
    this.events.push(event);
    if (!this.revisionsById.has(event.id)) this.revisionsById.set(event.id, event.revision);
  }

  eventAt(revision: bigint): StoredEvent | undefined {
    return revision < 0n || revision >= BigInt(this.events.length)
      ? undefined
      : this.events[Number(revision)];
  }

  revisionOf(id: string): bigint | undefined {
    return this.revisionsById.get(id);
  }

  /** The JSON of the latest `$metadata` event, for a metadata stream; `{}` when there is none. */
  latestMetadata(): Record<string, unknown> {
    const last = this.events[this.events.length - 1];
    if (!last?.isJson) return {};
    try {
      const parsed: unknown = JSON.parse(Buffer.from(last.data).toString('utf8'));
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
}

export function metadataStreamOf(streamId: string): string {
  return `$$${streamId}`;
}

export function metadataEvent(metadata: Record<string, unknown>): ProposedEvent {
  const text = JSON.stringify(metadata, (_key, value: unknown) =>
    typeof value === 'bigint' ? Number(value) : value,
  );
  return jsonEvent('$metadata', text);
}

/**
 * The metadata a soft delete writes: the current keys plus `"$tb": 9223372036854775807`, written
 * as text because a JS number cannot hold long.MaxValue exactly.
 */
export function softDeleteMetadata(current: Record<string, unknown>): ProposedEvent {
  const rest = { ...current };
  delete rest.$tb;
  const others = JSON.stringify(rest).slice(1, -1);
  return jsonEvent('$metadata', `{"$tb":${DELETED_STREAM}${others ? `,${others}` : ''}}`);
}

/** The `$tb` a `$metadata` event sets; numbers past 2^53 can only mean "deleted". */
export function truncateBeforeOf(event: ProposedEvent): bigint | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(event.data).toString('utf8'));
    const tb = typeof parsed === 'object' && parsed !== null ? (parsed as { $tb?: unknown }).$tb : undefined;
    if (typeof tb !== 'number' || !Number.isInteger(tb) || tb < 0) return undefined;
    return tb > Number.MAX_SAFE_INTEGER ? DELETED_STREAM : BigInt(tb);
  } catch {
    return undefined;
  }
}

export function jsonEvent(type: string, json: string): ProposedEvent {
  return {
    id: randomUUID(),
    type,
    isJson: true,
    data: Buffer.from(json, 'utf8'),
    metadata: new Uint8Array(),
  };
}
