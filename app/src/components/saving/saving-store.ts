/**
 * Work that is not done until it is stored: a restore, an import, a bulk change. While any is in
 * flight the header says "Saving…" and leaving the page asks first (beforeunload), because a reload
 * aborts the IndexedDB transaction that was writing it (IO-18). One store per tab, so every screen and
 * the header agree; it knows nothing of React (use-saving.ts is its hook).
 */

export interface SavingSnapshot {
  /** What is being saved, oldest first ("Restoring the workspace"). Empty when nothing is. */
  labels: readonly string[];
}

/** The part of `window` the guard uses; tests pass a plain EventTarget. */
export type LeaveTarget = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

export class SavingStore {
  private readonly inFlight = new Map<number, string>();
  private readonly listeners = new Set<() => void>();
  private next = 1;
  private current: SavingSnapshot = { labels: [] };
  private guarding = false;

  constructor(private readonly target: LeaveTarget | null) {}

  /** Resolves (or rejects) as `work` does; while it runs, the work counts as in flight. */
  async track<T>(label: string, work: Promise<T> | (() => Promise<T>)): Promise<T> {
    const id = this.next++;
    this.inFlight.set(id, label);
    this.changed();
    try {
      return await (typeof work === 'function' ? work() : work);
    } finally {
      this.inFlight.delete(id);
      this.changed();
    }
  }

  snapshot(): SavingSnapshot {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.current = { labels: [...this.inFlight.values()] };
    this.guard(this.inFlight.size > 0);
    for (const listener of [...this.listeners]) listener();
  }

  /** Only while something is in flight: a page with a beforeunload listener is kept out of the bfcache. */
  private guard(on: boolean): void {
    if (!this.target || on === this.guarding) return;
    this.guarding = on;
    if (on) this.target.addEventListener('beforeunload', askBeforeLeaving);
    else this.target.removeEventListener('beforeunload', askBeforeLeaving);
  }
}

/**
 * The browser shows its own "leave site?" text. preventDefault() is the standard way; older browsers
 * ask only when returnValue is a non-empty string (a plain Event, as in tests, has no setter for it).
 */
function askBeforeLeaving(event: Event): void {
  event.preventDefault();
  if (typeof BeforeUnloadEvent !== 'undefined' && event instanceof BeforeUnloadEvent)
    event.returnValue = 'Runsheet is still saving.';
}

export const savingStore = new SavingStore(typeof window === 'undefined' ? null : window);
