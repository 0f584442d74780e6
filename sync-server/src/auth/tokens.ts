import type { PublicToken } from '@runsheet/protocol';
import type { TokenRow, TokenStore } from '../persistence/token-store.ts';
import { AuthError } from './errors.ts';
import { API_TOKEN_PREFIX, newApiTokenSecret, newId, sha256 } from './secrets.ts';

/** `last_used_at` is written at most this often per token. */
const MARK_USED_EVERY_MS = 60_000;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** What the API lists about a token: never its secret or hash. */
export function toPublicToken(token: TokenRow): PublicToken {
  return {
    id: token.id,
    name: token.name,
    userId: token.userId,
    createdAt: iso(token.createdAt)!,
    lastUsedAt: iso(token.lastUsedAt),
    revokedAt: iso(token.revokedAt),
  };
}

/**
 * API tokens for scripts and integrations (CI marking steps done, the stock y-websocket client in Node).
 * A token acts as its user, with the user's current role. The secret is shown once at creation.
 */
export class ApiTokens {
  constructor(
    private readonly store: TokenStore,
    private readonly now: () => number,
  ) {}

  create(userId: string, name: string): { token: TokenRow; secret: string } {
    const secret = newApiTokenSecret();
    const token: TokenRow = {
      id: newId('token'),
      name: name.trim(),
      userId,
      secretHash: sha256(secret),
      createdAt: this.now(),
      lastUsedAt: null,
      revokedAt: null,
    };
    this.store.insert(token);
    return { token, secret };
  }

  /** The live token for a secret; null for unknown, malformed or revoked ones. */
  resolve(secret: string): TokenRow | null {
    if (!secret.startsWith(API_TOKEN_PREFIX)) return null;
    const token = this.store.bySecretHash(sha256(secret));
    if (token === undefined || token.revokedAt !== null) return null;
    const now = this.now();
    if (token.lastUsedAt === null || now - token.lastUsedAt >= MARK_USED_EVERY_MS) {
      this.store.markUsed(token.id, now);
    }
    return token;
  }

  isLive(id: string): boolean {
    const token = this.store.byId(id);
    return token !== undefined && token.revokedAt === null;
  }

  list(userId: string | null): TokenRow[] {
    return userId === null ? this.store.listAll() : this.store.listForUser(userId);
  }

  byId(id: string): TokenRow | undefined {
    return this.store.byId(id);
  }

  revoke(id: string): void {
    if (this.store.byId(id) === undefined) throw new AuthError('not-found');
    this.store.revoke(id, this.now());
  }
}
