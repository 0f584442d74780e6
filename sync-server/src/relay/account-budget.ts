import { TokenBucket } from './token-bucket.ts';

/**
 * A message budget per account, shared by all of that account's connections: opening more sockets (or,
 * with several relays, reaching more relays) does not buy more. The relay asks `take` for every message;
 * the answer must be immediate, so an implementation shared between relays answers from a local view
 * and settles with the others in the background (`cluster/shared-budgets.ts`).
 */
export interface AccountBudgets {
  /**
   * Spends `cost` (one message by default, or bytes) of `account`'s budget; false when it is spent. With
   * `overdraw`, the take passes whenever anything is left and the rest becomes a debt the refill pays
   * first (`TokenBucket.takeOverdrawing`).
   */
  take(account: string, cost?: number, overdraw?: boolean): boolean;
  /**
   * True when nothing is left of `account`'s budget (a debt, or spent to zero), so a take with `overdraw`
   * would fail now; as this relay knows it (a shared implementation: its local view). Takes nothing.
   */
  inDebt?(account: string): boolean;
  /** An account connected: a shared implementation reads its state from the others now. */
  prime?(account: string): void;
  close(): void;
}

/**
 * Forget an account's bucket once it has been unused for this long and is full again (a debt is never
 * forgiven by forgetting it): memory stays bounded.
 */
const FORGET_AFTER_MS = 60_000;

/** One relay on its own: a token bucket per account, in this process. */
export class LocalAccountBudgets implements AccountBudgets {
  private readonly buckets = new Map<string, { bucket: TokenBucket; used: number }>();
  private readonly sweep: NodeJS.Timeout;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.sweep = setInterval(() => {
      const old = this.now() - FORGET_AFTER_MS;
      for (const [account, entry] of this.buckets) {
        if (entry.used < old && entry.bucket.full) this.buckets.delete(account);
      }
    }, FORGET_AFTER_MS);
    this.sweep.unref();
  }

  take(account: string, cost = 1, overdraw = false): boolean {
    let entry = this.buckets.get(account);
    if (entry === undefined) {
      entry = { bucket: new TokenBucket(this.ratePerSecond, this.burst, this.now), used: 0 };
      this.buckets.set(account, entry);
    }
    entry.used = this.now();
    return overdraw ? entry.bucket.takeOverdrawing(cost) : entry.bucket.take(cost);
  }

  inDebt(account: string): boolean {
    return this.buckets.get(account)?.bucket.spent ?? false;
  }

  close(): void {
    clearInterval(this.sweep);
  }
}
