import { randomInt } from 'node:crypto';
import type { Identity } from '../relay/identity.ts';
import type { SessionRow, Storage, TokenRow, UserRow } from '../storage/contract.ts';
import type { Credentials } from './credentials.ts';
import { AuthError } from './errors.ts';
import { HashQueue } from './hash-queue.ts';
import { HashThreads } from './hash-threads.ts';
import { DEFAULT_THROTTLE, LoginThrottle, type Throttle, type ThrottleOptions } from './login-throttle.ts';
import {
  DEFAULT_SCRYPT_PARAMS,
  hashPassword,
  needsRehash,
  type ScryptParams,
  verifyPassword,
} from './passwords.ts';
import { safeEqualStrings, sha256 } from './secrets.ts';
import { Sessions } from './sessions.ts';
import { ApiTokens } from './tokens.ts';
import { Users } from './users.ts';

/** Who made a request, and how they proved it. */
export type Principal =
  /** `secret` is the cookie's value, kept only for this request so a renewal can re-send the cookie. */
  | { kind: 'session'; user: UserRow; session: SessionRow; secret: string; renewed: boolean }
  | { kind: 'token'; user: UserRow; token: TokenRow }
  | { kind: 'open'; user: UserRow };

export type Authentication =
  | { ok: true; principal: Principal }
  /** missing: no credential; invalid: unknown, forged or revoked; expired: a session that ran out. */
  | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

export interface AuthOptions {
  sessionTtlMs: number;
  /** The longest a sign-in lasts, however often it is used (SESSION_MAX_DAYS). */
  sessionMaxMs?: number;
  openMode: boolean;
  scrypt?: ScryptParams;
  throttle?: ThrottleOptions;
  /**
   * Where failed attempts are counted instead of this process's memory: with several relays, Redis
   * (`cluster/shared-throttle.ts`), so the limits hold across relays. Built from the throttle options.
   */
  sharedThrottle?: (options: ThrottleOptions) => Throttle;
  now?: () => number;
  /** Password checks waiting for a place (SE-06); past this, `server-busy`. */
  maxPendingHashes?: number;
  /** Password hashes computed at once (the machine's cores are shared with the relay); default 1. */
  hashConcurrency?: number;
}

/** Failed sign-ins of one username from every address together, and of one address for every username. */
const PER_USER_FAILURES = 20;
const PER_ADDRESS_FAILURES = 50;

/** The user every request acts as in open mode (RUNSHEET_OPEN=1). Not stored. */
const OPEN_USER: UserRow = {
  id: 'user:open',
  username: 'open',
  displayName: 'Open mode',
  passwordHash: '',
  role: 'admin',
  createdAt: 0,
  disabledAt: null,
};

const SETUP_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * How long a token sign-in is reused without reading storage again. Every change to a user or token row
 * made by this server (revoke, disable, role change) drops the cache at once, so it applies to the very
 * next request; this bound only covers edits made elsewhere (the sqlite3 shell, another relay).
 */
export const TOKEN_CACHE_MS = 1000;
/** Bounds the memory of the cache; when full it starts over. */
const TOKEN_CACHE_MAX = 1000;

/**
 * Users, sessions and API tokens, and the decisions built on them: who a request is, whether a sign-in
 * succeeds, and what a WebSocket connection may do for as long as it stays open.
 */
export class Auth {
  readonly users: Users;
  readonly sessions: Sessions;
  readonly tokens: ApiTokens;
  readonly throttle: Throttle;
  /** SE-06: failures of one username over all addresses, and of one address over all usernames. */
  private readonly userThrottle: Throttle;
  private readonly addressThrottle: Throttle;
  readonly hashing: HashQueue;
  /** Where the queue's hashes are computed: threads of low CPU priority (SE-06c). */
  private readonly hashThreads: HashThreads;
  readonly openMode: boolean;
  /**
   * While no user exists, creating the first admin from another machine needs this code, printed in the
   * server's log. From the server's own machine (loopback) it is not needed, so `npm start` then opening
   * localhost just works, while a stranger on the LAN cannot claim a fresh server first.
   */
  readonly setupCode: string;
  private readonly scrypt: ScryptParams;
  private dummyHash: Promise<string> | null = null;
  private readonly now: () => number;
  /**
   * Token sign-ins of the last TOKEN_CACHE_MS, by the SHA-256 of the secret: a token lookup is two storage
   * reads per request, the largest cost of a cached API read. Only successes are kept.
   */
  private readonly tokenSignIns = new Map<string, { principal: Principal; until: number }>();
  /**
   * Bumped by every write to a user or token row. A sign-in that read storage while a write happened is
   * not cached: it may have read the row from before the write.
   */
  private accessGeneration = 0;

  constructor(storage: Pick<Storage, 'users' | 'sessions' | 'tokens'>, options: AuthOptions) {
    const now = options.now ?? Date.now;
    this.now = now;
    this.scrypt = options.scrypt ?? DEFAULT_SCRYPT_PARAMS;
    const hashConcurrency = options.hashConcurrency ?? 1;
    this.hashThreads = new HashThreads(hashConcurrency);
    // Every write to a user or a token row drops the cached token sign-ins (after the write, whether it
    // succeeded or not), so nothing that ends or narrows access can be missed by a later request.
    const { users, tokens } = storage;
    const forget =
      <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        this.forgetSignIns();
        try {
          return await write(...args);
        } finally {
          this.forgetSignIns();
        }
      };
    this.users = new Users(
      { ...users, insert: forget(users.insert), update: forget(users.update) },
      this.scrypt,
      now,
      this.hashThreads.derive,
    );
    this.sessions = new Sessions(storage.sessions, options.sessionTtlMs, now, options.sessionMaxMs);
    this.tokens = new ApiTokens(
      { ...tokens, insert: forget(tokens.insert), revoke: forget(tokens.revoke) },
      now,
    );
    const throttleOptions = { ...DEFAULT_THROTTLE, ...options.throttle, now };
    const makeThrottle = (o: ThrottleOptions) => options.sharedThrottle?.(o) ?? new LoginThrottle(o);
    this.throttle = makeThrottle(throttleOptions);
    this.userThrottle = makeThrottle({
      ...throttleOptions,
      maxFailures: Math.max(throttleOptions.maxFailures, PER_USER_FAILURES),
    });
    this.addressThrottle = makeThrottle({
      ...throttleOptions,
      maxFailures: Math.max(throttleOptions.maxFailures, PER_ADDRESS_FAILURES),
    });
    this.hashing = new HashQueue(hashConcurrency, options.maxPendingHashes ?? 32);
    this.openMode = options.openMode;
    this.setupCode = Array.from(
      { length: 8 },
      () => SETUP_CODE_ALPHABET[randomInt(SETUP_CODE_ALPHABET.length)],
    ).join('');
  }

  /** Stops the hashing threads (a hash still out is refused). */
  close(): Promise<void> {
    return this.hashThreads.close();
  }

  /**
   * Drops every cached token sign-in: after a write here, or when another relay says a user or token
   * changed.
   */
  forgetSignIns(): void {
    this.accessGeneration++;
    this.tokenSignIns.clear();
  }

  /** True while nobody can sign in: the app shows its first-run page. */
  async needsSetup(): Promise<boolean> {
    return !this.openMode && (await this.users.count()) === 0;
  }

  async authenticate(credentials: Credentials): Promise<Authentication> {
    if (credentials.token !== undefined) {
      const key = sha256(credentials.token).toString('base64');
      const now = this.now();
      const cached = this.tokenSignIns.get(key);
      if (cached !== undefined && cached.until > now) return { ok: true, principal: cached.principal };
      const generation = this.accessGeneration;
      const token = await this.tokens.resolve(credentials.token);
      const user = token && (await this.users.byId(token.userId));
      if (!token || !user || user.disabledAt !== null) {
        this.tokenSignIns.delete(key);
        return { ok: false, reason: 'invalid' };
      }
      const principal: Principal = { kind: 'token', user, token };
      if (generation === this.accessGeneration) {
        if (this.tokenSignIns.size >= TOKEN_CACHE_MAX) this.tokenSignIns.clear();
        this.tokenSignIns.set(key, { principal, until: now + TOKEN_CACHE_MS });
      }
      return { ok: true, principal };
    }
    if (credentials.session !== undefined && credentials.session !== '') {
      const resolved = await this.sessions.resolve(credentials.session);
      if (resolved === 'expired') return this.openOr({ ok: false, reason: 'expired' });
      const user = resolved && (await this.users.byId(resolved.session.userId));
      if (!resolved || !user || user.disabledAt !== null)
        return this.openOr({ ok: false, reason: 'invalid' });
      return {
        ok: true,
        principal: {
          kind: 'session',
          user,
          session: resolved.session,
          secret: credentials.session,
          renewed: resolved.renewed,
        },
      };
    }
    return this.openOr({ ok: false, reason: 'missing' });
  }

  /** In open mode a request without valid credentials still acts, as the open-mode admin. */
  private openOr(failure: Authentication): Authentication {
    return this.openMode ? { ok: true, principal: { kind: 'open', user: OPEN_USER } } : failure;
  }

  /** The relay's view of a principal: its role now, and how to check it again later. */
  identityFor(principal: Principal): Identity {
    const { user } = principal;
    const presence = { id: user.id, name: user.displayName || user.username };
    const currentUser = async (): ReturnType<Identity['recheck']> => {
      const now = await this.users.byId(user.id);
      return now === undefined || now.disabledAt !== null
        ? { status: 'revoked' }
        : { status: 'valid', role: now.role };
    };
    switch (principal.kind) {
      case 'open':
        return {
          label: 'open mode',
          role: 'admin',
          recheck: async () => ({ status: 'valid', role: 'admin' }),
        };
      case 'session': {
        const { idHash } = principal.session;
        return {
          label: `${user.username} (session)`,
          account: user.id,
          presence,
          role: user.role,
          // The user first: a disabled account is `revoked`, even though disabling also ends its sessions.
          recheck: async () => {
            const status = await currentUser();
            return status.status !== 'valid' || (await this.sessions.isLive(idHash))
              ? status
              : { status: 'expired' };
          },
        };
      }
      case 'token': {
        const tokenId = principal.token.id;
        return {
          label: `${user.username} (token ${principal.token.name})`,
          account: user.id,
          presence,
          role: user.role,
          recheck: async () => ((await this.tokens.isLive(tokenId)) ? currentUser() : { status: 'revoked' }),
        };
      }
    }
  }

  /**
   * Checks a password and opens a session. Unknown users cost the same scrypt work as known ones, so the
   * response time does not reveal which usernames exist.
   */
  async login(
    username: string,
    password: string,
    clientAddress: string,
  ): Promise<{ user: UserRow; secret: string; session: SessionRow }> {
    const user = await this.users.byUsername(username);
    const name = user?.username ?? username.trim().toLowerCase();
    const key = `${name}|${clientAddress}`;
    // '#' is in no username, so these keys never meet the pair keys (`name|address`).
    const userKey = `u#${name}`;
    const addressKey = `a#${clientAddress}`;
    const wait = Math.max(
      await this.throttle.retryAfter(key),
      await this.userThrottle.retryAfter(userKey),
      await this.addressThrottle.retryAfter(addressKey),
    );
    if (wait > 0) throw new AuthError('too-many-attempts', wait);
    const stored = user?.passwordHash ?? (await this.dummy());
    const matches = await this.hashing.run(() => verifyPassword(password, stored, this.hashThreads.derive));
    if (user === undefined || !matches) {
      await Promise.all([
        this.throttle.fail(key),
        this.userThrottle.fail(userKey),
        this.addressThrottle.fail(addressKey),
      ]);
      throw new AuthError('invalid-credentials');
    }
    if (user.disabledAt !== null) throw new AuthError('account-disabled');
    await this.throttle.succeed(key);
    if (needsRehash(user.passwordHash, this.scrypt)) await this.users.setPassword(user.id, password);
    return { user, ...(await this.sessions.create(user.id)) };
  }

  /**
   * SE-06: checks the signed-in user's current password before a change, throttled per user (5 wrong
   * guesses, then `too-many-attempts`) and through the hashing queue like a sign-in.
   */
  async checkCurrentPassword(user: UserRow, password: string): Promise<void> {
    const key = `pw#${user.id}`;
    const wait = await this.throttle.retryAfter(key);
    if (wait > 0) throw new AuthError('too-many-attempts', wait);
    if (
      !(await this.hashing.run(() => verifyPassword(password, user.passwordHash, this.hashThreads.derive)))
    ) {
      await this.throttle.fail(key);
      throw new AuthError('invalid-credentials');
    }
    await this.throttle.succeed(key);
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= hashPassword('not a password anyone has', this.scrypt, this.hashThreads.derive);
    return this.dummyHash;
  }

  /** Creates the first admin and signs them in. */
  async setup(
    input: {
      username: string;
      displayName?: string | undefined;
      password: string;
      setupCode?: string | undefined;
    },
    from: { loopback: boolean; clientAddress: string },
  ): Promise<{ user: UserRow; secret: string; session: SessionRow }> {
    if ((await this.users.count()) > 0) throw new AuthError('already-set-up');
    if (!from.loopback) {
      if (input.setupCode === undefined) throw new AuthError('setup-code-required');
      const key = `setup|${from.clientAddress}`;
      const wait = await this.throttle.retryAfter(key);
      if (wait > 0) throw new AuthError('too-many-attempts', wait);
      if (!safeEqualStrings(input.setupCode.trim().toUpperCase(), this.setupCode)) {
        await this.throttle.fail(key);
        throw new AuthError('invalid-setup-code');
      }
    }
    const user = await this.users.create({ ...input, role: 'admin' }, true);
    return { user, ...(await this.sessions.create(user.id)) };
  }

  /** RUNSHEET_ADMIN_USER / _PASSWORD: creates that admin when no user exists yet; never touches existing ones. */
  async bootstrap(
    admin: { username: string; password: string } | null,
  ): Promise<'created' | 'skipped' | 'none'> {
    if (admin === null) return 'none';
    if ((await this.users.count()) > 0) return 'skipped';
    try {
      await this.users.create({ username: admin.username, password: admin.password, role: 'admin' }, true);
      return 'created';
    } catch (error) {
      if (error instanceof AuthError && error.code === 'already-set-up') return 'skipped';
      throw error;
    }
  }
}
