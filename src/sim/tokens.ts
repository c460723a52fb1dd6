import { randomBytes } from 'node:crypto';
import type { Caller } from './http.js';

interface Issued {
  caller: Caller;
  expiresAt: number;
}

/** Bearer tokens the simulator accepts, each tied to a caller and an expiry (wall clock). */
export class TokenTable {
  private readonly tokens = new Map<string, Issued>();

  /** Makes a new random token for `caller`, valid for `ttlMs` (default one hour). */
  issue(caller: Caller, ttlMs = 3_600_000): string {
    const token = `sim-${caller.audience}-${randomBytes(18).toString('base64url')}`;
    this.tokens.set(token, { caller, expiresAt: Date.now() + ttlMs });
    return token;
  }

  /** The caller behind an Authorization header, or why it is refused. */
  check(
    header: string | undefined,
  ): { caller: Caller } | { refused: 'missing' | 'unknown' | 'expired' } {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) return { refused: 'missing' };
    const issued = this.tokens.get(match[1]!);
    if (!issued) return { refused: 'unknown' };
    if (Date.now() >= issued.expiresAt) return { refused: 'expired' };
    return { caller: issued.caller };
  }

  /** Makes every token expire now (the "expired token" fault). */
  expireAll(): void {
    for (const issued of this.tokens.values()) issued.expiresAt = 0;
  }
}
