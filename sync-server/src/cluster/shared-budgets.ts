import type { AccountBudgets } from '../relay/account-budget.ts';
import type { Redis } from './redis.ts';

/**
 * One account's token bucket in Redis (a hash: tokens, time of the last refill), refilled by Redis's own
 * clock (relays' clocks may differ) and charged with what a relay spent since it last settled. The
 * tokens may go below zero: what relays spent together beyond the budget is a debt the refill pays first.
 * The key expires once the bucket would be full again (a debt outlives it). Returns what is left, as
 * text (a float).
 */
const SETTLE_SCRIPT = `
local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local spent = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 't', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + (now - at) * rate / 1000) - spent
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / rate * 1000) + 1000)
return tostring(tokens)`;

/** How often a relay settles what its connections spent with the others. */
export const SETTLE_EVERY_MS = 200;

interface View {
  /** What this relay believes is left, refilled locally between settlements. */
  tokens: number;
  at: number;
  /** Spent here since the last settlement was sent. */
  pending: number;
  /** Spent while a settlement was on its way (it did not include these). */
  inFlight: number;
  used: number;
  /** Made by `prime` and not yet settled: the next settlement asks Redis what is left, spending nothing. */
  unread: boolean;
}

/**
 * The message budget of each account across all relays. Each relay decides every message at once from
 * its local view of the account's bucket and, every SETTLE_EVERY_MS, settles what it spent with Redis,
 * getting back what all relays together left. An account spread over several relays can thus overdraw by
 * at most what it sends in one settlement period, which the debt then takes back. While Redis is
 * unreachable the local view goes on alone: still a limit, per relay.
 */
export class SharedAccountBudgets implements AccountBudgets {
  private readonly views = new Map<string, View>();
  private readonly timer: NodeJS.Timeout;
  private settling = false;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ratePerSecond: number,
    private readonly burst: number,
    /** Which budget (messages, update bytes): each has its own Redis keys. */
    private readonly kind = 'budget',
    private readonly now: () => number = () => performance.now(),
  ) {
    this.timer = setInterval(() => void this.settle(), SETTLE_EVERY_MS);
    this.timer.unref();
  }

  take(account: string, cost = 1, overdraw = false): boolean {
    const t = this.now();
    let view = this.views.get(account);
    if (view === undefined) {
      view = { tokens: this.burst, at: t, pending: 0, inFlight: 0, used: t, unread: false };
      this.views.set(account, view);
    }
    view.tokens = Math.min(this.burst, view.tokens + ((t - view.at) * this.ratePerSecond) / 1000);
    view.at = t;
    view.used = t;
    if (overdraw ? view.tokens <= 0 : view.tokens < cost) return false;
    view.tokens -= cost;
    view.pending += cost;
    return true;
  }

  inDebt(account: string): boolean {
    const view = this.views.get(account);
    if (view === undefined) return false;
    return view.tokens + ((this.now() - view.at) * this.ratePerSecond) / 1000 <= 0;
  }

  /**
   * An account connected here: read what all relays left it now, so that a debt another relay made (a
   * large upload there, SE-01) is known here before this connection's first large write arrives (it
   * answers the relay's sync step 1, a round trip later). Without it a fresh view starts full.
   */
  prime(account: string): void {
    if (this.views.has(account)) return;
    const t = this.now();
    this.views.set(account, { tokens: this.burst, at: t, pending: 0, inFlight: 0, used: t, unread: true });
    void this.settle();
  }

  private async settle(): Promise<void> {
    if (this.settling || this.redis.status !== 'ready') return;
    this.settling = true;
    try {
      const idle = this.now() - 60_000;
      const due = [...this.views].filter(([account, view]) => {
        if (view.pending > 0 || view.unread) return true;
        // Forgotten once unused and refilled (a debt is never forgiven by forgetting it).
        const full = view.tokens + ((this.now() - view.at) * this.ratePerSecond) / 1000 >= this.burst;
        if (view.used < idle && full) this.views.delete(account);
        return false;
      });
      if (due.length === 0) return;
      const pipeline = this.redis.pipeline();
      for (const [account, view] of due) {
        view.inFlight = view.pending;
        view.pending = 0;
        view.unread = false;
        pipeline.eval(
          SETTLE_SCRIPT,
          1,
          `${this.prefix}${this.kind}:${account}`,
          this.ratePerSecond,
          this.burst,
          view.inFlight,
        );
      }
      let results: Array<[Error | null, unknown]>;
      try {
        results = ((await pipeline.exec()) ?? []) as Array<[Error | null, unknown]>;
      } catch {
        results = [];
      }
      const t = this.now();
      due.forEach(([, view], i) => {
        const [error, left] = results[i] ?? [new Error('no answer'), null];
        if (error === null && left !== null) {
          // What all relays left, less what this one spent while the answer was on its way.
          view.tokens = Math.min(this.burst, Number(left)) - view.pending;
          view.at = t;
        } else {
          // Redis away: the local view goes on alone; this is settled next time.
          view.pending += view.inFlight;
        }
        view.inFlight = 0;
      });
    } finally {
      this.settling = false;
    }
  }

  close(): void {
    clearInterval(this.timer);
  }
}
