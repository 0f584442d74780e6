import type { PublicToken } from '@runsheet/protocol';
import type { TokenRow, TokenStore } from '../storage/contract.ts';
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

  async create(userId: string, name: string): Promise<{ token: TokenRow; secret: string }> {
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
    await this.store.insert(token);
    return { token, secret };
  }

  /** The live token for a secret; null for unknown, malformed or revoked ones. */
  async resolve(secret: string): Promise<TokenRow | null> {
    if (!secret.startsWith(API_TOKEN_PREFIX)) return null;
    const token = await this.store.bySecretHash(sha256(secret));
    if (token === undefined || token.revokedAt !== null) return null;
    const now = this.now();
    if (token.lastUsedAt === null || now - token.lastUsedAt >= MARK_USED_EVERY_MS) {
      await this.store.markUsed(token.id, now);
    }
    return token;
  }

  async isLive(id: string): Promise<boolean> {
    const token = await this.store.byId(id);
    return token !== undefined && token.revokedAt === null;
  }

  list(userId: string | null): Promise<TokenRow[]> {
    return userId === null ? this.store.listAll() : this.store.listForUser(userId);
  }

  byId(id: string): Promise<TokenRow | undefined> {
    return this.store.byId(id);
  }

  async revoke(id: string): Promise<void> {
    if ((await this.store.byId(id)) === undefined) throw new AuthError('not-found');
    await this.store.revoke(id, this.now());
  }
}
