/**
 * Group commit: the first change after a quiet moment schedules a write after `delayMs`; changes that
 * arrive while a write is running go into the next one. So a single edit reaches IndexedDB about one
 * transaction after it was made, and a burst of edits costs a handful of transactions, not one each.
 */
export type SetTimer = (fn: () => void, ms: number) => () => void;

export const defaultSetTimer: SetTimer = (fn, ms) => {
  const handle = setTimeout(fn, ms);
  return () => clearTimeout(handle);
};

export class WriteQueue {
  private cancelTimer: (() => void) | null = null;
  private running: Promise<void> | null = null;

  constructor(
    /** Writes everything pending; returns when it is durable. */
    private readonly write: () => Promise<void>,
    private readonly hasWork: () => boolean,
    private readonly delayMs: number,
    private readonly setTimer: SetTimer = defaultSetTimer,
    private readonly onError: (error: unknown) => void = (error) => console.error(error),
  ) {}

  schedule(): void {
    if (this.cancelTimer !== null || this.running !== null) return;
    this.cancelTimer = this.setTimer(() => {
      this.cancelTimer = null;
      this.drain().catch(this.onError);
    }, this.delayMs);
  }

  /** Resolves once everything pending at the time of the call is written. */
  flush(): Promise<void> {
    this.cancelTimer?.();
    this.cancelTimer = null;
    return this.drain();
  }

  /** Resolves when no write is running; starts none. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    while (this.running) await this.running;
    if (!this.hasWork()) return;
    const running = this.write().finally(() => {
      this.running = null;
    });
    this.running = running;
    await running;
    // Work that arrived during the write (schedule() ignored it because a write was running).
    if (this.hasWork()) await this.drain();
  }
}
