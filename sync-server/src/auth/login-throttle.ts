export interface ThrottleOptions {
  /** Failed attempts allowed per key within `windowMs`. */
  maxFailures: number;
  windowMs: number;
  /** Bounds memory under a spray of usernames: the oldest keys are forgotten first. */
  maxKeys: number;
  now?: () => number;
}

export const DEFAULT_THROTTLE: Readonly<ThrottleOptions> = Object.freeze({
  maxFailures: 5,
  windowMs: 15 * 60_000,
  maxKeys: 10_000,
});

/**
 * Counts failed attempts per key and says how long a key must wait. Asynchronous because, with several
 * relays, the counts live in Redis (`cluster/shared-throttle.ts`) so a guesser gains nothing by spreading
 * attempts over relays.
 */
export interface Throttle {
  /** Milliseconds until `key` may try again, or 0 when it may try now. */
  retryAfter(key: string): Promise<number>;
  fail(key: string): Promise<void>;
  succeed(key: string): Promise<void>;
}

/**
 * Limits failed sign-ins per (username, client address): a guesser is slowed on one account without letting
 * anyone lock a colleague out from a different address.
 */
export class LoginThrottle implements Throttle {
  private readonly failures = new Map<string, { count: number; since: number }>();
  private readonly now: () => number;

  constructor(private readonly options: ThrottleOptions = DEFAULT_THROTTLE) {
    this.now = options.now ?? Date.now;
  }

  async retryAfter(key: string): Promise<number> {
    return this.retryAfterNow(key);
  }

  /** Milliseconds until `key` may try again, or 0 when it may try now. */
  retryAfterNow(key: string): number {
    const entry = this.failures.get(key);
    if (entry === undefined) return 0;
    const age = this.now() - entry.since;
    if (age >= this.options.windowMs) {
      this.failures.delete(key);
      return 0;
    }
    return entry.count >= this.options.maxFailures ? this.options.windowMs - age : 0;
  }

  async fail(key: string): Promise<void> {
    this.failNow(key);
  }

  failNow(key: string): void {
    const entry = this.failures.get(key);
    if (entry !== undefined && this.now() - entry.since < this.options.windowMs) {
      entry.count++;
      return;
    }
    this.failures.delete(key);
    if (this.failures.size >= this.options.maxKeys) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
    this.failures.set(key, { count: 1, since: this.now() });
  }

  async succeed(key: string): Promise<void> {
    this.failures.delete(key);
  }
}
