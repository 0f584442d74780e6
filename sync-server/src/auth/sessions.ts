import type { SessionRow, SessionStore } from '../persistence/session-store.ts';
import { newSecret, sha256 } from './secrets.ts';

/** A sliding session is written back at most this often, so reads do not turn into a write per request. */
const SLIDE_EVERY_MS = 60_000;

export interface ResolvedSession {
  session: SessionRow;
  /** True when this call moved the expiry forward: the caller re-sends the cookie with the new lifetime. */
  renewed: boolean;
}

/**
 * Browser sign-ins. The cookie holds 32 random bytes; the table holds their SHA-256, so a copy of the
 * database does not let anyone sign in. Sessions slide: any authenticated request made more than a minute
 * after the last one pushes the expiry to now + TTL, but never past sign-in + `maxLifetimeMs`: a tablet
 * left open in the secure room must still sign in again now and then, so a stolen cookie does not live
 * for ever by being used.
 */
export class Sessions {
  constructor(
    private readonly store: SessionStore,
    readonly ttlMs: number,
    private readonly now: () => number,
    readonly maxLifetimeMs: number = Number.POSITIVE_INFINITY,
  ) {}

  /** Now + TTL, capped at the session's absolute end. */
  private expiryFrom(now: number, createdAt: number): number {
    return Math.min(now + this.ttlMs, createdAt + this.maxLifetimeMs);
  }

  create(userId: string): { secret: string; session: SessionRow } {
    const secret = newSecret();
    const now = this.now();
    const session = {
      idHash: sha256(secret),
      userId,
      createdAt: now,
      expiresAt: this.expiryFrom(now, now),
      lastSeenAt: now,
    };
    this.store.insert(session);
    return { secret, session };
  }

  /** The live session for a cookie secret, slid forward if due; `expired` when it existed but ran out. */
  resolve(secret: string): ResolvedSession | 'expired' | null {
    const idHash = sha256(secret);
    const session = this.store.byHash(idHash);
    if (session === undefined) return null;
    const now = this.now();
    if (session.expiresAt <= now) {
      this.store.delete(idHash);
      return 'expired';
    }
    if (now - session.lastSeenAt < SLIDE_EVERY_MS) return { session, renewed: false };
    return { session: this.extend(session, now), renewed: true };
  }

  /** Explicit renewal (`POST /api/auth/renew`): moves the expiry to now + TTL (within the lifetime cap). */
  renew(session: SessionRow): SessionRow {
    return this.extend(session, this.now());
  }

  private extend(session: SessionRow, now: number): SessionRow {
    const renewed = { ...session, lastSeenAt: now, expiresAt: this.expiryFrom(now, session.createdAt) };
    this.store.touch(session.idHash, renewed.lastSeenAt, renewed.expiresAt);
    return renewed;
  }

  /** How long the browser should keep the cookie: until the session ends (sliding TTL or lifetime cap). */
  cookieLifetimeMs(session: SessionRow): number {
    return Math.max(0, session.expiresAt - this.now());
  }

  /** For the relay's periodic re-check: is the session behind a connection still there and in date? */
  isLive(idHash: Buffer): boolean {
    const session = this.store.byHash(idHash);
    return session !== undefined && session.expiresAt > this.now();
  }

  revoke(idHash: Buffer): void {
    this.store.delete(idHash);
  }

  revokeAllFor(userId: string): void {
    this.store.deleteForUser(userId);
  }

  pruneExpired(): number {
    return this.store.deleteExpired(this.now());
  }
}
