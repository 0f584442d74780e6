/**
 * A token bucket: holds up to `capacity` tokens, refills `ratePerSecond` per second, and each message takes
 * one. Allows bursts (a reconnecting client flushing offline edits) while bounding the sustained rate.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  /** True once the bucket has refilled to its capacity (any debt paid): forgetting it then forgives nothing. */
  get full(): boolean {
    return this.tokens + ((this.now() - this.last) * this.ratePerSecond) / 1000 >= this.capacity;
  }

  /** True when nothing is left (a debt, or spent to zero): `takeOverdrawing` would fail now. */
  get spent(): boolean {
    return this.tokens + ((this.now() - this.last) * this.ratePerSecond) / 1000 <= 0;
  }

  /** Takes `cost` tokens (one by default); false, taking nothing, when fewer are left. */
  take(cost = 1): boolean {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) * this.ratePerSecond) / 1000);
    this.last = t;
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }

  /**
   * Takes `cost` tokens whenever any are left, going into debt for the rest: one take of any size passes
   * when the bucket holds something, and the debt delays the next by `cost / ratePerSecond`. For costs that
   * may exceed the capacity (a whole document), where a plain `take` would never pass.
   */
  takeOverdrawing(cost: number): boolean {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) * this.ratePerSecond) / 1000);
    this.last = t;
    if (this.tokens <= 0) return false;
    this.tokens -= cost;
    return true;
  }
}
