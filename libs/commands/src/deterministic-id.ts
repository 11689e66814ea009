import { createHash, hash as oneShotHash } from 'node:crypto';

/**
 * A UUID (version 5 layout, SHA-1) derived from its parts: the same parts always give the same id.
 * Command ids derived from an idempotency key, and event ids derived from a command id, make a
 * retried command land on the same stream with the same event ids, which the event store ignores.
 */
export function deterministicUuid(...parts: string[]): string {
  // The one-shot hash: an import derives an id per event, and a hash object each costs a third more.
  const hash = oneShotHash('sha1', parts.join('\u0000'), 'buffer');
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Canonical JSON (object keys sorted) hashed with SHA-256: equal bodies hash alike whatever their key order. */
export function hashBody(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
