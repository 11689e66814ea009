import { createHmac } from 'node:crypto';
import type { PseudonymKind, Pseudonymize } from '@leap/domain';

/**
 * Keyed pseudonyms: HMAC-SHA-256 of the kind and the id under the install's pseudonym key, shortened
 * to 80 bits and prefixed by kind (`stu_`, `hh_`, `usr_`). The same id always gets the same
 * pseudonym within an install, so records can be linked without being identified; without the key,
 * which is kept outside the event store, a pseudonym cannot be traced back to the id (a state
 * student id has too few possible values for an unkeyed hash to hide it).
 */
const PREFIX: Record<PseudonymKind, string> = { student: 'stu', household: 'hh', subject: 'usr' };
const HEX_CHARS = 20;

export function createPseudonymizer(key: Uint8Array): Pseudonymize {
  if (key.length < 32) throw new Error('The pseudonym key must be at least 32 bytes');
  return (kind, id) =>
    `${PREFIX[kind]}_${createHmac('sha256', key).update(`${kind}\u0000${id}`).digest('hex').slice(0, HEX_CHARS)}`;
}
