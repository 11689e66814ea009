import type { Position as ClientPosition } from '@eventstore/db-client';
import type { Position } from '../event-store.port';

/**
 * EventStoreDB positions are `{ commit, prepare }` pairs in the transaction log. We hand them out as
 * `C<commit>/P<prepare>`; only this adapter decodes them.
 */
export function encodePosition(position: ClientPosition): Position {
  return `C${position.commit}/P${position.prepare}`;
}

export function decodePosition(position: Position): ClientPosition {
  const match = /^C(\d+)\/P(\d+)$/.exec(position);
  if (!match?.[1] || !match[2]) throw new RangeError(`Not an EventStoreDB position: ${position}`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

export function compareClientPositions(a: ClientPosition, b: ClientPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}
