/**
 * EventStoreDB's optimistic-concurrency and idempotency rules for one write, as a pure decision
 * over a stream's current state. The log applies the decision; the transports report it.
 */

/** Revision of a tombstone and `$tb` of a soft-deleted stream: the server's `EventNumber.DeletedStream`. */
export const DELETED_STREAM = 2n ** 63n - 1n;
/** The "current version" of a stream without events. */
export const NO_STREAM = -1n;

export type Expected =
  | { kind: 'any' }
  | { kind: 'no_stream' }
  | { kind: 'stream_exists' }
  | { kind: 'revision'; revision: bigint };

/** The server's long encoding, sent in the `expected-version` trailer. */
export function expectedVersionNumber(expected: Expected): bigint {
  switch (expected.kind) {
    case 'any':
      return -2n;
    case 'no_stream':
      return -1n;
    case 'stream_exists':
      return -4n;
    case 'revision':
      return expected.revision;
    default:
      return assertNever(expected);
  }
}

/** What the check needs to know about a stream. */
export interface StreamSnapshot {
  /** Revision of the last event ever written (soft-deleted ones included), or -1. */
  readonly lastRevision: bigint;
  readonly tombstoned: boolean;
  readonly softDeleted: boolean;
  /** Id of the event at `revision`, if there is one. */
  idAt(revision: bigint): string | undefined;
  /** Revision of the event with this id, if the stream holds one. */
  revisionOf(id: string): bigint | undefined;
}

export type Decision =
  | { kind: 'append' }
  /** Every id is already stored, consecutively, where this write would put it: a no-op. */
  | { kind: 'idempotent'; lastRevision: bigint }
  | { kind: 'wrong_expected_version'; current: bigint }
  | { kind: 'stream_deleted' };

/**
 * - A tombstoned stream refuses everything.
 * - An exact expectation (a revision, or `no_stream` = -1) that is behind the stream is a
 *   re-append when the stored events right after it carry exactly these ids, in order; a partial
 *   match is refused like any other conflict (the server's "corrupted idempotency").
 * - `any` and `stream_exists` look the first id up anywhere in the stream; the real server only
 *   remembers recent ids, so there its guarantee is weaker than here.
 * - A soft-deleted stream reads as missing: `no_stream` may recreate it, `stream_exists` fails.
 */
export function decideWrite(stream: StreamSnapshot, expected: Expected, ids: readonly string[]): Decision {
  if (stream.tombstoned) return { kind: 'stream_deleted' };
  const current = stream.lastRevision;
  const wrong: Decision = { kind: 'wrong_expected_version', current };
  switch (expected.kind) {
    case 'revision':
      if (current === expected.revision) return { kind: 'append' };
      return current > expected.revision ? matchFrom(stream, expected.revision + 1n, ids, wrong) : wrong;
    case 'no_stream':
      if (current === NO_STREAM || stream.softDeleted) return { kind: 'append' };
      return matchFrom(stream, 0n, ids, wrong);
    case 'stream_exists':
      if (current === NO_STREAM || stream.softDeleted) return wrong;
      return matchById(stream, ids, wrong);
    case 'any':
      return matchById(stream, ids, wrong);
    default:
      return assertNever(expected);
  }
}

/** Deletes check the expectation only: there is no idempotent re-delete. */
export function decideDelete(
  stream: StreamSnapshot,
  expected: Expected,
): Exclude<Decision, { kind: 'idempotent' }> {
  if (stream.tombstoned) return { kind: 'stream_deleted' };
  const current = stream.lastRevision;
  const missing = current === NO_STREAM || stream.softDeleted;
  const ok =
    expected.kind === 'any' ||
    (expected.kind === 'no_stream' && missing) ||
    (expected.kind === 'stream_exists' && !missing) ||
    (expected.kind === 'revision' && expected.revision === current);
  return ok ? { kind: 'append' } : { kind: 'wrong_expected_version', current };
}

function matchFrom(stream: StreamSnapshot, first: bigint, ids: readonly string[], wrong: Decision): Decision {
  if (ids.length === 0) return wrong;
  for (const [index, id] of ids.entries()) {
    if (stream.idAt(first + BigInt(index)) !== id) return wrong;
  }
  return { kind: 'idempotent', lastRevision: first + BigInt(ids.length - 1) };
}

function matchById(stream: StreamSnapshot, ids: readonly string[], wrong: Decision): Decision {
  const [firstId] = ids;
  const first = firstId === undefined ? undefined : stream.revisionOf(firstId);
  return first === undefined ? { kind: 'append' } : matchFrom(stream, first, ids, wrong);
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value ${JSON.stringify(value)}`);
}
