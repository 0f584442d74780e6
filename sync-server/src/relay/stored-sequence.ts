import type { StoredUpdate } from '../storage/contract.ts';

/**
 * What arrived for a range of sequence numbers: the (merged) update, `'own'` for a batch this relay stored
 * itself (its updates are in the document already), or null when only the number is known (a large batch
 * published without its bytes, or a notice that something was stored): it is then read from storage.
 */
export type Delivered = Uint8Array | 'own' | null;

export interface SequenceTarget {
  /**
   * Applies an update that is stored already (it must not be stored again). `live`: it is exactly the
   * numbers another relay just published, so new to this room; otherwise it was read from storage and may
   * hold much of what the room has (a compacted row holds the whole document).
   */
  apply(update: Uint8Array, live: boolean): void;
  /** Every stored update after `afterSeq`, oldest first. */
  readSince(afterSeq: number): Promise<StoredUpdate[]>;
  warn(message: string, error?: unknown): void;
}

/**
 * How long a range that arrived ahead of its predecessor waits for it before the room reads the missing
 * numbers from storage. Two relays writing one room publish in the order they committed, but their
 * messages may cross on the way: the missing one is usually a millisecond behind. Only a message that
 * was really lost (Redis restarted, a publish failed) costs this wait, plus one read.
 */
export const GAP_WAIT_MS = 100;

/** After a failed read, the next try waits this long (storage may be restarting). */
const RETRY_READ_MS = 1_000;

/**
 * A room's place in its gapless sequence of stored updates (DB-01). `known` is the highest number up to
 * which every stored update is in the document. Ranges arrive from this relay's own appends and from
 * other relays (through Redis), in any order: the next one in line is applied at once, one further ahead
 * waits for those before it (GAP_WAIT_MS at most), and then the room reads what it missed from storage.
 */
export class StoredSequence {
  private knownSeq: number;
  /** Ranges ahead of `knownSeq + 1`, by their first number. */
  private readonly ahead = new Map<number, { last: number; update: Delivered }>();
  private gapTimer: NodeJS.Timeout | null = null;
  private reading: Promise<void> | null = null;
  private readAgain = false;
  /** True while draining right after a read: what is still missing then waits for the timer, no spin. */
  private afterRead = false;
  private closed = false;

  constructor(
    known: number,
    private readonly target: SequenceTarget,
    private readonly gapWaitMs: number = GAP_WAIT_MS,
  ) {
    this.knownSeq = known;
  }

  get known(): number {
    return this.knownSeq;
  }

  /** Numbers `first..last` are stored; `update` is what they hold, if it came along. */
  deliver(first: number, last: number, update: Delivered): void {
    if (this.closed || last <= this.knownSeq) return;
    this.ahead.set(first, { last, update });
    this.drain();
  }

  /** Applies every range that is next in line; arms the gap timer for what is left waiting. */
  private drain(): void {
    if (this.reading !== null) return;
    let progressed = true;
    while (progressed && this.ahead.size > 0) {
      progressed = false;
      for (const [first, range] of this.ahead) {
        if (range.last <= this.knownSeq) {
          this.ahead.delete(first);
          progressed = true;
        } else if (first <= this.knownSeq + 1) {
          if (range.update === null) {
            // Only the number came: read it (and whatever else is new) from storage.
            if (this.afterRead) break;
            void this.catchUp();
            return;
          }
          this.ahead.delete(first);
          if (range.update !== 'own') this.target.apply(range.update, true);
          this.knownSeq = range.last;
          progressed = true;
        }
      }
    }
    if (this.ahead.size === 0) this.disarm();
    else this.arm(this.gapWaitMs);
  }

  private arm(ms: number): void {
    if (this.gapTimer !== null) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (this.ahead.size > 0) void this.catchUp();
    }, ms);
    this.gapTimer.unref();
  }

  private disarm(): void {
    if (this.gapTimer === null) return;
    clearTimeout(this.gapTimer);
    this.gapTimer = null;
  }

  /**
   * Reads every update after `known` from storage and applies it; one read at a time (asked for during a
   * read, another follows it). A failed read is not fatal: the document is right, only behind, and the
   * next delivery, gap or resync tries again.
   */
  catchUp(): Promise<void> {
    if (this.reading !== null) {
      this.readAgain = true;
      return this.reading;
    }
    this.disarm();
    this.reading = (async () => {
      do {
        this.readAgain = false;
        let rows: StoredUpdate[];
        try {
          rows = await this.target.readSince(this.knownSeq);
        } catch (error) {
          // Tried again in a while (storage may be restarting), or at the next delivery or resync.
          this.target.warn('could not read missed updates from storage', error);
          this.arm(RETRY_READ_MS);
          return;
        }
        if (this.closed) return;
        for (const row of rows) {
          if (row.seq <= this.knownSeq) continue;
          this.target.apply(row.data, false);
          this.knownSeq = row.seq;
        }
      } while (this.readAgain && !this.closed);
    })().finally(() => {
      this.reading = null;
      if (this.closed) return;
      this.afterRead = true;
      try {
        this.drain();
      } finally {
        this.afterRead = false;
      }
    });
    return this.reading;
  }

  /** Stops: no more reads or timers; resolves once a running read is over. */
  async close(): Promise<void> {
    this.closed = true;
    this.disarm();
    this.ahead.clear();
    await this.reading;
  }
}
