import { createHash } from 'node:crypto';
import { LoginThrottle, type Throttle, type ThrottleOptions } from '../auth/login-throttle.ts';
import type { Redis } from './redis.ts';

/**
 * INCR the key's count of failures; the first failure starts the window (the key expires with it), as in
 * the in-memory throttle. One round trip, atomic whichever relay asks.
 */
const FAIL_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

/**
 * The sign-in throttle of several relays: failed attempts per (username, address) counted in Redis, so
 * the limits hold whichever relay a guesser's requests reach. While Redis is unreachable each relay falls
 * back to counting in its own memory (still a limit, per relay) rather than refusing every sign-in.
 */
export class SharedThrottle implements Throttle {
  private readonly local: LoginThrottle;
  private warned = false;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly options: ThrottleOptions,
    private readonly log: Pick<Console, 'warn'>,
  ) {
    this.local = new LoginThrottle(options);
  }

  /** Keys hold usernames and addresses: Redis only sees their hash. */
  private key(key: string): string {
    return `${this.prefix}throttle:${createHash('sha256').update(key).digest('base64url')}`;
  }

  private fallBack(error: unknown): void {
    if (this.warned) return;
    this.warned = true;
    this.log.warn(
      `Sign-in throttle: Redis unreachable (${(error as Error).message}); counting per relay meanwhile`,
    );
  }

  async retryAfter(key: string): Promise<number> {
    try {
      const [[countError, count], [ttlError, ttl]] = (await this.redis
        .pipeline()
        .get(this.key(key))
        .pttl(this.key(key))
        .exec()) as [[Error | null, string | null], [Error | null, number]];
      if (countError ?? ttlError) throw countError ?? ttlError;
      this.warned = false;
      const local = this.local.retryAfterNow(key);
      const shared = Number(count ?? 0) >= this.options.maxFailures && ttl > 0 ? ttl : 0;
      return Math.max(shared, local);
    } catch (error) {
      this.fallBack(error);
      return this.local.retryAfterNow(key);
    }
  }

  async fail(key: string): Promise<void> {
    try {
      await this.redis.eval(FAIL_SCRIPT, 1, this.key(key), this.options.windowMs);
    } catch (error) {
      this.fallBack(error);
      this.local.failNow(key);
    }
  }

  async succeed(key: string): Promise<void> {
    await this.local.succeed(key);
    try {
      await this.redis.del(this.key(key));
    } catch (error) {
      this.fallBack(error);
    }
  }
}
