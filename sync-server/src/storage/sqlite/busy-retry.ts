/**
 * SE-02b: a lock another process holds on the SQLite file (a backup, the sqlite3 shell, a second server
 * started by mistake) must not stop the event loop. better-sqlite3 is synchronous: with a long busy
 * timeout, a write that meets the lock spins inside the call, and every connection, request and timer
 * waits with it. So the connection's busy timeout is short (`HOT_BUSY_TIMEOUT_MS`), and a call that still
 * meets the lock is retried later, off the event loop's back, with backoff, for up to `giveUpAfterMs`.
 *
 * Safe to run again: every store method is one statement or one `db.transaction`, and a statement or
 * transaction that failed with SQLITE_BUSY left nothing behind (better-sqlite3 rolls the transaction
 * back). Order: the calls that met the lock are retried first come, first served, each only after the
 * one before it went through. A call made meanwhile is tried at once (a read goes through: in WAL mode a
 * writer's lock blocks no reader); a write that meets the lock then joins the end of the line. Writers
 * that care about the order of their own writes keep one in flight (a room's appends, the audit's group
 * commit), so the line keeps it.
 */

/** How long one call may spin on the lock inside SQLite before it gives up and is retried later. */
export const HOT_BUSY_TIMEOUT_MS = 10;

export interface BusyRetryOptions {
  /** A call still locked out after this long fails with its SQLITE_BUSY (SE-02 then closes one connection). */
  giveUpAfterMs: number;
  /** First wait before a retry; doubled after each locked attempt, up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
  now?: () => number;
}

export const DEFAULT_BUSY_RETRY: Readonly<BusyRetryOptions> = Object.freeze({
  giveUpAfterMs: 30_000,
  firstDelayMs: 10,
  maxDelayMs: 250,
});

/** SQLITE_BUSY and its extended codes (SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_TIMEOUT, ...). */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

interface Waiting {
  call: () => unknown;
  since: number;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export class BusyRetry {
  private readonly line: Waiting[] = [];
  private timer: NodeJS.Timeout | null = null;
  private delay: number;
  private readonly now: () => number;

  constructor(private readonly options: BusyRetryOptions = DEFAULT_BUSY_RETRY) {
    this.delay = options.firstDelayMs;
    this.now = options.now ?? (() => performance.now());
  }

  /** Calls made that wait for the lock to be released (tests, logs). */
  get waiting(): number {
    return this.line.length;
  }

  /** Runs `call` now; if it meets the lock, again later. Settles with its value or its (other) error. */
  run<R>(call: () => R): Promise<R> {
    try {
      return Promise.resolve(call());
    } catch (error) {
      if (!isBusy(error)) return Promise.reject(error);
      return new Promise<R>((resolve, reject) => {
        this.line.push({ call, since: this.now(), resolve: resolve as (value: unknown) => void, reject });
        this.schedule();
      });
    }
  }

  private schedule(): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => this.drain(), this.delay);
  }

  /** Retries the line in order; stops at the first call still locked out and waits longer. */
  private drain(): void {
    this.timer = null;
    while (this.line.length > 0) {
      const head = this.line[0]!;
      try {
        const value = head.call();
        this.line.shift();
        head.resolve(value);
        this.delay = this.options.firstDelayMs;
      } catch (error) {
        if (isBusy(error) && this.now() - head.since < this.options.giveUpAfterMs) {
          this.delay = Math.min(this.delay * 2, this.options.maxDelayMs);
          this.schedule();
          return;
        }
        this.line.shift();
        head.reject(error);
      }
    }
  }
}
