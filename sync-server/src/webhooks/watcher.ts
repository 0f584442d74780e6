/**
 * WH-03: turns changes of release documents into webhook events, off the message path. The relay says
 * "an update of room R is stored" (synchronously, while it sends it on); the watcher only (re)starts a
 * timer for R there. When the timer fires (`debounceMs` after the last update of a burst) it reads the
 * room's document as it is (or `maxWaitMs` after the first, if changes never stop), derives the events it implies (events.ts) and hands over those it had not
 * seen in that room before. Nothing here awaits a receiver: `onEvents` is fire-and-forget.
 *
 * The first read of a room, taken synchronously when the relay loads it, is the baseline: facts already
 * true when the room was loaded (history from before, or from while no relay held it) are not announced.
 * A timer re-reads every watched room every `recheckMs`, so a soak that ends with nobody editing still
 * makes its gate "ready for sign-off".
 *
 * Reading is incremental (WH-12): each watched room has a ReleaseMirror, the read model the app uses,
 * which keeps the release's plain state current at the cost of what each transaction changed (an
 * appended log entry is decoded once). A timer then derives events from that state without reading the
 * document again.
 */
import { ReleaseMirror } from '@runsheet/doc';
import type { DomainState, ReleaseId } from '@runsheet/domain';
import type { Relay } from '../relay/relay.ts';
import { releaseEvents, type WebhookEvent } from './events.ts';

export interface WatcherOptions {
  debounceMs: number;
  /** The longest a change waits to be read while more keep coming. */
  maxWaitMs: number;
  recheckMs: number;
  now: () => number;
  log: Pick<Console, 'warn'>;
}

export class ReleaseWatcher {
  /** Per loaded release room: the ids of the events its document implied at the last read. */
  private readonly seen = new Map<string, Set<string>>();
  /** Per loaded release room: its state, kept current by the document's own transactions. */
  private readonly mirrors = new Map<string, ReleaseMirror>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** When the oldest change not yet read arrived, per room: a busy room is still read every `maxWaitMs`. */
  private readonly firstPending = new Map<string, number>();
  private readonly recheck: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly relay: Relay,
    /** The catalog as the server holds it (names, activation), or null while it is not loaded. */
    private readonly catalogState: () => DomainState | null,
    private readonly onEvents: (events: WebhookEvent[]) => void,
    private readonly options: WatcherOptions,
  ) {
    relay.on('room-loaded', this.onLoaded);
    relay.on('update-stored', this.onStored);
    relay.on('room-unloading', this.onUnloading);
    this.recheck = setInterval(() => {
      for (const room of this.seen.keys()) this.evaluate(room);
    }, options.recheckMs);
    this.recheck.unref();
  }

  private readonly onLoaded = (room: string) => {
    if (!room.startsWith('release:')) return;
    const loaded = this.relay.loadedRoom(room);
    if (loaded === undefined) return;
    this.mirrors.get(room)?.destroy();
    this.mirrors.set(room, new ReleaseMirror(loaded.doc, room as ReleaseId));
    const events = this.read(room);
    if (events !== null) this.seen.set(room, new Set(events.map((e) => e.id)));
  };

  private readonly onStored = (room: string) => {
    if (this.closed || !room.startsWith('release:')) return;
    const pending = this.timers.get(room);
    if (pending !== undefined) clearTimeout(pending);
    const now = performance.now();
    const first = this.firstPending.get(room) ?? now;
    this.firstPending.set(room, first);
    // Debounced, but never starved: a room changed every few ms is still read within maxWaitMs.
    const delay = Math.max(0, Math.min(this.options.debounceMs, first + this.options.maxWaitMs - now));
    const timer = setTimeout(() => {
      this.timers.delete(room);
      this.firstPending.delete(room);
      this.evaluate(room);
    }, delay);
    timer.unref();
    this.timers.set(room, timer);
  };

  private readonly onUnloading = (room: string) => {
    this.seen.delete(room);
    this.mirrors.get(room)?.destroy();
    this.mirrors.delete(room);
    const pending = this.timers.get(room);
    if (pending !== undefined) clearTimeout(pending);
    this.timers.delete(room);
    this.firstPending.delete(room);
  };

  /**
   * The events the room's document implies now (at `now`, ISO); null when the room or the catalog is not
   * loaded. Public for the test that compares it with a full read of the document (WH-12).
   */
  read(room: string, now = new Date(this.options.now()).toISOString()): WebhookEvent[] | null {
    const mirror = this.mirrors.get(room);
    const catalog = this.catalogState();
    if (mirror === undefined || catalog === null) return null;
    const releaseId = room as ReleaseId;
    const state: DomainState = {
      catalog: catalog.catalog,
      releases: { [releaseId]: mirror.state } as DomainState['releases'],
    };
    return releaseEvents(state, releaseId, now);
  }

  private evaluate(room: string): void {
    if (this.closed) return;
    let events: WebhookEvent[] | null;
    try {
      events = this.read(room);
    } catch (error) {
      this.options.log.warn(`Webhooks: reading ${room} failed; trying again at its next change`, error);
      return;
    }
    if (events === null) return;
    const before = this.seen.get(room);
    this.seen.set(room, new Set(events.map((e) => e.id)));
    // No baseline (the catalog was not loaded when the room was): this read is the baseline.
    if (before === undefined) return;
    const fresh = events.filter((e) => !before.has(e.id));
    if (fresh.length > 0) this.onEvents(fresh);
  }

  close(): void {
    this.closed = true;
    clearInterval(this.recheck);
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.relay.off('room-loaded', this.onLoaded);
    this.relay.off('update-stored', this.onStored);
    this.relay.off('room-unloading', this.onUnloading);
    for (const mirror of this.mirrors.values()) mirror.destroy();
    this.mirrors.clear();
  }
}
