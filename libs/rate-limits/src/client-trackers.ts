import { createHmac } from 'node:crypto';
import { normalizeIp } from '@nestjs/throttler';

/**
 * Whom a budget belongs to, as it appears in Redis keys: keyed hashes (HMAC-SHA-256 under the
 * installation's pseudonym key, 80 bits), never a login or an address in clear. The same login or
 * address gets the same tracker on every api process of the installation (they share the key).
 */
export class ClientTrackers {
  constructor(private readonly key: Uint8Array) {}

  /** A token's subject, per issuer. */
  login(issuer: string, sub: string): string {
    return `login-${this.hash(`login\u0000${issuer}\u0000${sub}`)}`;
  }

  /**
   * The client address Express derived (`request.ip`, which follows `X-Forwarded-For` only as far as
   * `LEAP_TRUST_PROXY` allows); an IPv6 address counts with its /64, as one host usually holds it.
   */
  address(ip: string | undefined): string {
    return `addr-${this.hash(`address\u0000${normalizeIp(ip ?? 'unknown')}`)}`;
  }

  private hash(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('hex').slice(0, 20);
  }
}
