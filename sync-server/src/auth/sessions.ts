import type { SessionRow, SessionStore } from '../storage/contract.ts';
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

  async create(userId: string): Promise<{ secret: string; session: SessionRow }> {
    const secret = newSecret();
    const now = this.now();
    const session = {
      idHash: sha256(secret),
      userId,
      createdAt: now,
      expiresAt: this.expiryFrom(now, now),
      lastSeenAt: now,
    };
    await this.store.insert(session);
    return { secret, session };
  }

  /** The live session for a cookie secret, slid forward if due; `expired` when it existed but ran out. */
  async resolve(secret: string): Promise<ResolvedSession | 'expired' | null> {
    const idHash = sha256(secret);
    const session = await this.store.byHash(idHash);
    if (session === undefined) return null;
    const now = this.now();
    if (session.expiresAt <= now) {
      await this.store.delete(idHash);
      return 'expired';
    }
    if (now - session.lastSeenAt < SLIDE_EVERY_MS) return { session, renewed: false };
    return { session: await this.extend(session, now), renewed: true };
  }

  /** Explicit renewal (`POST /api/auth/renew`): moves the expiry to now + TTL (within the lifetime cap). */
  renew(session: SessionRow): Promise<SessionRow> {
    return this.extend(session, this.now());
  }

  private async extend(session: SessionRow, now: number): Promise<SessionRow> {
    const renewed = { ...session, lastSeenAt: now, expiresAt: this.expiryFrom(now, session.createdAt) };
    await this.store.touch(session.idHash, renewed.lastSeenAt, renewed.expiresAt);
    return renewed;
  }

  /** How long the browser should keep the cookie: until the session ends (sliding TTL or lifetime cap). */
  cookieLifetimeMs(session: SessionRow): number {
    return Math.max(0, session.expiresAt - this.now());
  }

  /** For the relay's periodic re-check: is the session behind a connection still there and in date? */
  async isLive(idHash: Buffer): Promise<boolean> {
    const session = await this.store.byHash(idHash);
    return session !== undefined && session.expiresAt > this.now();
  }

  revoke(idHash: Buffer): Promise<void> {
    return this.store.delete(idHash);
  }

  revokeAllFor(userId: string): Promise<void> {
    return this.store.deleteForUser(userId);
  }

  async pruneExpired(): Promise<number> {
    return await this.store.deleteExpired(this.now());
  }
}
