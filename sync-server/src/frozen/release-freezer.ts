/**
 * FZ-06: the relay keeps a frozen snapshot (packages/doc `freezeRelease`, ST-15) of every archived
 * release, so a new device and the REST API read a finished release from about a third of its document's
 * bytes instead of replaying the document.
 *
 * It follows the catalog as the server holds it (ServerWorkspace): a release that becomes archived is
 * frozen from its room's stored updates (in a worker thread, freeze-runner.ts), one that is unarchived
 * loses its snapshot. A late change stored in
 * an archived release's room (FZ-05) freezes it again, `debounceMs` after the last of a burst. At start
 * the stored snapshots are compared with the catalog: archived releases without one are frozen, and
 * snapshots of releases no longer archived are dropped, and a snapshot that covers fewer of its room's
 * stored updates than the room now has (a late change the relay stopped before freezing in) is made
 * again. Work runs one release at a time, off the message path and off the relay's thread.
 *
 * Several relays may freeze the same release: each snapshot records the room's sequence number it was
 * frozen up to (DB-01), and storage keeps the one of the higher number, so a relay that was behind
 * never undoes a newer freeze.
 */
import { frozenHash } from '@runsheet/doc';
import type { CatalogState, ReleaseId } from '@runsheet/domain';
import type { ServerWorkspace } from '../api/data/server-workspace.ts';
import type { Relay } from '../relay/relay.ts';
import type { FrozenStore, RoomStore } from '../storage/contract.ts';
import { FreezeRunner } from './freeze-runner.ts';

export interface FreezerOptions {
  /** A late change is refrozen this long after the last update of a burst. */
  debounceMs: number;
  now: () => number;
  log: Pick<Console, 'warn'>;
}

type Job = 'freeze' | 'drop';

export class ReleaseFreezer {
  /** Archived releases as of the last catalog read; null until the first (the reconcile). */
  private archived: Set<ReleaseId> | null = null;
  private readonly due = new Map<ReleaseId, Job>();
  private readonly timers = new Map<ReleaseId, NodeJS.Timeout>();
  private working: Promise<void> | null = null;
  private closed = false;
  private readonly stopWatching: () => void;

  constructor(
    private readonly relay: Relay,
    workspace: ServerWorkspace,
    private readonly store: FrozenStore,
    private readonly rooms: Pick<RoomStore, 'heads' | 'load'>,
    private readonly options: FreezerOptions,
    private readonly runner = new FreezeRunner(),
  ) {
    this.stopWatching = workspace.onCatalogChange((catalog) => this.onCatalog(catalog));
    relay.on('update-stored', this.onStored);
  }

  /** Resolves when nothing is due or being frozen (tests and the benchmark wait on it). */
  async settled(): Promise<void> {
    while (this.working !== null || this.timers.size > 0) {
      if (this.working !== null) await this.working;
      else await new Promise((resolve) => setTimeout(resolve, this.options.debounceMs));
    }
  }

  private onCatalog(catalog: CatalogState): void {
    if (this.closed) return;
    const now = new Set<ReleaseId>();
    for (const [id, release] of Object.entries(catalog.releases)) {
      if (release.status === 'archived') now.add(id as ReleaseId);
    }
    const before = this.archived;
    this.archived = now;
    if (before === null) {
      this.reconcile(now).catch((error: unknown) =>
        this.options.log.warn('Frozen releases: comparing snapshots with the catalog failed', error),
      );
      return;
    }
    for (const id of now) if (!before.has(id)) this.schedule(id, 'freeze');
    for (const id of before) if (!now.has(id)) this.schedule(id, 'drop');
  }

  private async reconcile(archived: Set<ReleaseId>): Promise<void> {
    const stored = new Map((await this.store.list()).map((r) => [r.releaseId as ReleaseId, r.seq]));
    const heads = await this.rooms.heads([...archived]);
    for (const id of archived) {
      const seq = stored.get(id);
      if (seq === undefined || (heads.get(id) ?? 0) > seq) this.schedule(id, 'freeze');
    }
    for (const id of stored.keys()) if (!archived.has(id)) this.schedule(id, 'drop');
  }

  /** FZ-05: a change stored in an archived release's room is frozen in, once the burst is over. */
  private readonly onStored = (room: string) => {
    const id = room as ReleaseId;
    if (this.closed || !this.archived?.has(id)) return;
    const pending = this.timers.get(id);
    if (pending !== undefined) clearTimeout(pending);
    const timer = setTimeout(() => {
      this.timers.delete(id);
      this.schedule(id, 'freeze');
    }, this.options.debounceMs);
    timer.unref();
    this.timers.set(id, timer);
  };

  private schedule(id: ReleaseId, job: Job): void {
    this.due.set(id, job);
    this.working ??= this.work().finally(() => {
      this.working = null;
    });
  }

  private async work(): Promise<void> {
    for (const [id, job] of this.due) {
      this.due.delete(id);
      if (this.closed) return;
      try {
        // The catalog may have moved since: do what it says now.
        if (this.archived?.has(id)) await this.freeze(id);
        else await this.store.delete(id);
      } catch (error) {
        this.options.log.warn(
          `Frozen releases: ${job} of ${id} failed; it is tried at its next change`,
          error,
        );
      }
    }
  }

  /**
   * Freezes the release from its room's stored updates (storage comes before broadcast, so they are
   * everything any device was told), with the sequence number they go up to. The room is not loaded
   * into the relay for it, and the work runs in the freeze worker. A room with nothing stored is not
   * frozen: a device then syncs the document, which the relay does not have yet either.
   */
  private async freeze(id: ReleaseId): Promise<void> {
    const stored = await this.rooms.load(id);
    if (stored.updates.length === 0) return;
    const bytes = await this.runner.freeze(stored.updates, id);
    // Unarchived while it was being frozen: the drop that is now due must not be undone.
    if (!this.archived?.has(id)) return;
    await this.store.put({
      releaseId: id,
      hash: frozenHash(bytes),
      bytes,
      seq: stored.lastSeq,
      frozenAt: this.options.now(),
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopWatching();
    this.relay.off('update-stored', this.onStored);
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await this.working;
    await this.runner.close();
  }
}
