/**
 * The read model: the one place views get live data from (React hooks over it are in hooks.ts).
 *
 * Its source is plain state, one copy per release at a time:
 * - the catalog, and every release whose document is loaded, come from the workspace's mirror of the
 *   Yjs documents (packages/doc mirror.ts). A command, another tab's update or a merge from the relay
 *   changes it in the same tick, so "Mark done" turns a cell green in the frame of the click.
 * - a release whose document is not loaded yet comes from the packed projection in IndexedDB, read
 *   back into the same ReleaseState shape (stored-release.ts). It is what this device stored with the
 *   document in the same transaction, so it is the document as of its last write. The matrix paints
 *   from it while the document loads; when the document is loaded every view of the release switches
 *   to the mirror at once (one version bump), and the stored copy is dropped.
 * An archived release's stored copy keeps its step states packed until the page is idle (RM-09): the
 * matrix reads their status columns (domain packedStepStatesOf), and anything else that reads
 * `stepStates` sooner builds them from the same rows, so it still reads one ReleaseState.
 * The stored copy is read in two steps: the steps first (what the matrix paints from), then the history
 * (`history: 'loading'` until it is there; the step history says so instead of showing none).
 * So a step's status, notes and history on screen always come from one ReleaseState: they cannot
 * disagree. Views memoise what they derive on `version`, which moves with every change of the
 * release or the catalog (the mirror's state is updated in place).
 *
 * Opening a release here also opens its document (it stays open, like active releases do), because
 * commands need it; they wait for it (WorkspaceApi.run) and never run against the stored copy.
 */
import { type DocChanges, setEvents } from '@runsheet/doc';
import type { CatalogState, DomainState, Release, ReleaseId, ReleaseState } from '@runsheet/domain';
import { countUpdates } from '../doc-storage.ts';
import { type FetchedFrozen, readFetchedFrozen, readFrozen } from '../frozen-store.ts';
import type { LocalData } from '../local-data.ts';
import { idleTask, laterTask, nextTask } from '../next-task.ts';
import { readEventRows, readReleaseRows, releaseFromRowsPacked } from '../stored-release.ts';

/** Where a release's data comes from right now ('frozen': an archived release's snapshot, FZ-02). */
export type ReleaseSource = 'document' | 'stored' | 'frozen';

export interface ReleaseView {
  status: 'ready';
  /** The catalog and this release as plain data. Memoise on `version`: it may change in place. */
  state: DomainState;
  release: Release;
  /** Moves with every change of this release or of the catalog. */
  version: number;
  source: ReleaseSource;
  /** Whether `state` holds the release's history yet (always, once the source is its document). */
  history: 'ready' | 'loading';
}

export type ReleaseRead =
  | { status: 'loading'; version: number }
  | { status: 'missing'; version: number }
  | ReleaseView;

export interface CatalogRead {
  catalog: CatalogState;
  version: number;
}

/** What moved in a release: a change set (of it or of the catalog), or all of it (its source changed). */
export type ReadChange = DocChanges | { kind: 'reload'; releaseId: ReleaseId };

type Listener = () => void;

export interface ReadModelOptions {
  /**
   * FZ-09: the relay's snapshot of an archived release (null: none, offline, not signed in). Asked only
   * for a release this device has neither a snapshot nor a stored document of.
   */
  fetchFrozen?: (releaseId: ReleaseId, knownHash?: string) => Promise<FetchedFrozen | 'unchanged' | null>;
}

/** How long an archived release's snapshot waits at most for the page to be idle after its first paint. */
const IDLE_BEFORE_SNAPSHOT_MS = 1000;
/** Step-state buckets built per task after an archived release's first paint (about 3,100 states). */
const BUCKETS_PER_TASK = 4;

class FollowedRelease {
  version = 0;
  started = false;
  stored: ReleaseState | null = null;
  storedHistory = false;
  /** The snapshot of an archived release: read instead of its document, which is not opened. */
  frozen: ReleaseState | null = null;
  frozenHistory = false;
  cached: ReleaseRead | null = null;
  readonly listeners = new Set<Listener>();
  /** Whether a view has subscribed yet (`follow` starts a release before any view is on screen). */
  viewed = false;
  readonly viewedWaiters: Array<() => void> = [];
  readonly changeListeners = new Set<(change: ReadChange) => void>();
}

export class ReadModel {
  private catalogVersion = 0;
  private catalogCache: CatalogRead | null = null;
  private readonly catalogListeners = new Set<Listener>();
  private readonly followed = new Map<ReleaseId, FollowedRelease>();
  private readonly cleanups: Array<() => void> = [];

  constructor(
    readonly local: LocalData,
    private readonly options: ReadModelOptions = {},
  ) {
    this.cleanups.push(local.workspace.subscribe((changes) => this.onChanges(changes)));
  }

  // --- the catalog -------------------------------------------------------------------------------

  subscribeCatalog(listener: Listener): () => void {
    this.catalogListeners.add(listener);
    return () => this.catalogListeners.delete(listener);
  }

  /** The catalog and its version; the same object until the catalog changes. */
  catalog(): CatalogRead {
    if (this.catalogCache?.version !== this.catalogVersion) {
      this.catalogCache = { catalog: this.local.state.catalog, version: this.catalogVersion };
    }
    return this.catalogCache;
  }

  // --- everything loaded -----------------------------------------------------------------------

  /**
   * Every change of every loaded document, and the plain state they are in (the workspace's mirror):
   * for summaries of the whole workspace, such as the clashes syncing brought (domain `listConflicts`).
   */
  subscribeAll(listener: Listener): () => void {
    return this.local.workspace.subscribe(() => listener());
  }

  loadedState(): DomainState {
    return this.local.state;
  }

  // --- releases ----------------------------------------------------------------------------------

  /**
   * Starts loading a release before any view subscribes to it, and resolves once it can be shown (from
   * any source) or is missing. A new page opened straight at a release's address (app.tsx) reads the
   * release's stored copy before the page's first render, so that render draws the matrix: otherwise
   * React renders and commits the whole page around a release still "loading", the views subscribe in
   * effects, and only then are its rows read, then the page renders again. The same loading as
   * `subscribeRelease` starts, once; what waits for the page to be idle (RM-08, RM-09) still waits for
   * a view to subscribe first (`viewed`).
   */
  follow(releaseId: ReleaseId): Promise<void> {
    const f = this.entry(releaseId);
    this.start(releaseId, f);
    return new Promise((resolve) => {
      const check = () => {
        if (this.release(releaseId).status === 'loading') return;
        f.changeListeners.delete(check);
        resolve();
      };
      f.changeListeners.add(check);
      check();
    });
  }

  /** Follows a release: it loads (stored copy first, then its document) and `listener` hears changes. */
  subscribeRelease(releaseId: ReleaseId, listener: Listener): () => void {
    const f = this.entry(releaseId);
    f.listeners.add(listener);
    f.viewed = true;
    for (const resume of f.viewedWaiters.splice(0)) resume();
    this.start(releaseId, f);
    return () => f.listeners.delete(listener);
  }

  /** Every change set that reaches a followed release, and its reloads (for views that patch). */
  subscribeChanges(releaseId: ReleaseId, listener: (change: ReadChange) => void): () => void {
    const f = this.entry(releaseId);
    f.changeListeners.add(listener);
    return () => f.changeListeners.delete(listener);
  }

  /** The release as views see it now; the same object until it changes (for useSyncExternalStore). */
  release(releaseId: ReleaseId): ReleaseRead {
    const f = this.entry(releaseId);
    if (f.cached?.version === f.version) return f.cached;
    f.cached = this.compute(releaseId, f);
    return f.cached;
  }

  /** Resolves once the release's document is loaded (its view's source is then 'document'). */
  async loaded(releaseId: ReleaseId): Promise<void> {
    this.start(releaseId, this.entry(releaseId));
    await this.local.openRelease(releaseId);
  }

  destroy(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.followed.clear();
    this.catalogListeners.clear();
  }

  private entry(releaseId: ReleaseId): FollowedRelease {
    let f = this.followed.get(releaseId);
    if (!f) {
      f = new FollowedRelease();
      this.followed.set(releaseId, f);
    }
    return f;
  }

  private compute(releaseId: ReleaseId, f: FollowedRelease): ReleaseRead {
    const { catalog } = this.local.state;
    const release = catalog.releases[releaseId];
    if (!release) return { status: 'missing', version: f.version };
    const loaded = this.local.isLoaded(releaseId);
    // The document once it is loaded (a late event, unarchiving), else the snapshot, else the stored copy.
    const source: ReleaseSource = loaded ? 'document' : f.frozen ? 'frozen' : 'stored';
    const doc = loaded ? this.local.state.releases[releaseId] : (f.frozen ?? f.stored ?? undefined);
    if (!doc) return { status: 'loading', version: f.version };
    return {
      status: 'ready',
      state: { catalog, releases: { [releaseId]: doc } },
      release,
      version: f.version,
      source,
      history:
        source === 'document' || (source === 'frozen' ? f.frozenHistory : f.storedHistory)
          ? 'ready'
          : 'loading',
    };
  }

  /**
   * Starts loading a release the catalog knows (once). An archived release with a snapshot on this
   * device is read from it and its document is not opened (FZ-02); otherwise the stored copy and the
   * document load in parallel.
   */
  private start(releaseId: ReleaseId, f: FollowedRelease): void {
    const release = this.local.state.catalog.releases[releaseId];
    if (f.started || !release) return;
    f.started = true;
    if (release.status === 'archived' && !this.local.isLoaded(releaseId)) {
      this.readArchived(releaseId, f).catch((e: unknown) => console.error(e));
      return;
    }
    this.openBoth(releaseId, f);
  }

  private openBoth(releaseId: ReleaseId, f: FollowedRelease): void {
    if (!this.local.isLoaded(releaseId))
      this.readStored(releaseId, f).catch((e: unknown) => console.error(e));
    this.local.openRelease(releaseId).then(
      () => {
        const wasStored = f.stored !== null || f.frozen !== null;
        f.stored = null;
        f.storedHistory = false;
        f.frozen = null;
        f.frozenHistory = false;
        // The view moves from the stored copy (or from "loading") to the document's mirror.
        if (wasStored || f.cached?.status !== 'ready' || f.cached.source !== 'document') {
          this.bump(releaseId, f, { kind: 'reload', releaseId });
        }
      },
      (error: unknown) => console.error(error),
    );
  }

  /**
   * An archived release: painted first from its packed projection (RM-07), as a live release is: its
   * 64 step rows of a finished release read and unpack in about half the time its snapshot's 50,000
   * rows decode, and they are written in the same transactions as the snapshot (FZ-01), so they say
   * the same. Its step states stay packed until the matrix has painted (RM-09). Then the snapshot,
   * which takes over (and brings the history).
   */
  private async readArchived(releaseId: ReleaseId, f: FollowedRelease): Promise<void> {
    let buildSteps: ((buckets?: number) => boolean) | null = null;
    try {
      buildSteps = await this.readStoredSteps(releaseId, f);
    } catch (error) {
      console.error(error); // the snapshot still comes
    }
    // RM-08: with the stored copy on screen, the snapshot waits until the matrix has painted from it
    // (the page is idle), at most a second: read first, it held the first paint back. Started by
    // `follow` before the page's first render, the wait begins only once a view is on screen: an idle
    // moment while the page's code still loads is not the matrix painted.
    if (f.stored) await this.painted(f);
    // RM-09: the stored copy's step states, left packed for the paint, are built now a few buckets per
    // ordinary task (unless a reader built them already), so whatever reads them next (the progress
    // count, the step panel) does not build all 50,000 in one task.
    if (buildSteps) while (f.stored && !buildSteps(BUCKETS_PER_TASK)) await laterTask();
    await this.readFrozen(releaseId, f);
  }

  /**
   * The stored copy's steps (no history), when the projection holds the release: with its step states
   * packed (RM-09), which the matrix reads without building them. Returns what builds them.
   */
  private async readStoredSteps(
    releaseId: ReleaseId,
    f: FollowedRelease,
  ): Promise<((buckets?: number) => boolean) | null> {
    const rows = await readReleaseRows(this.local.db, releaseId, { events: false });
    if (!rows.head) return null;
    const { release, buildSteps } = await releaseFromRowsPacked(releaseId, rows, nextTask);
    if (this.local.isLoaded(releaseId) || f.frozen || !this.isArchived(releaseId)) return null;
    f.stored = release;
    this.bump(releaseId, f, { kind: 'reload', releaseId });
    return buildSteps;
  }

  /** The snapshot of an archived release; without one (or unreadable), the document as for any release. */
  private async readFrozen(releaseId: ReleaseId, f: FollowedRelease): Promise<void> {
    // The steps paint first; the history follows a part per task (as the stored copy's does).
    const onSteps = (steps: ReleaseState) => {
      if (!this.isArchived(releaseId) || this.local.isLoaded(releaseId)) return;
      f.frozen = steps;
      // The stored copy painted first has done its part (and is a second copy in memory).
      f.stored = null;
      f.storedHistory = false;
      this.bump(releaseId, f, { kind: 'reload', releaseId });
    };
    // RM-08: once something of the release is on screen (the stored copy, or the snapshot's steps),
    // the rest of the snapshot (its history, or all of it) yields to the renders queued meanwhile, so
    // the matrix is painted before it, not after it; before that, its parts go first.
    const pause = () => (f.stored || f.frozen ? laterTask() : nextTask());
    let frozen = await readFrozen(this.local.db, releaseId, pause, onSteps);
    if (frozen) this.revalidate(releaseId, f, frozen).catch((error: unknown) => console.warn(error));
    else if (!f.frozen) frozen = await this.fetchFrozen(releaseId, onSteps);
    if (!frozen || !this.isArchived(releaseId)) {
      if (!f.frozen) this.openBoth(releaseId, f);
      return;
    }
    if (f.frozen !== frozen) return;
    f.frozenHistory = true;
    this.bump(releaseId, f, { kind: 'reload', releaseId });
  }

  /**
   * FZ-09: a device that has nothing of an archived release (a new device, a fresh profile) reads the
   * relay's snapshot instead of syncing the document: about a third of the bytes, and nothing to replay.
   * The snapshot is checked and kept (readFetchedFrozen). With the document stored here, it is read
   * from there as today (and frozen here, FZ-04).
   */
  private async fetchFrozen(
    releaseId: ReleaseId,
    onSteps: (steps: ReleaseState) => void,
  ): Promise<ReleaseState | null> {
    const fetch = this.options.fetchFrozen;
    if (!fetch || !this.isArchived(releaseId) || this.local.isLoaded(releaseId)) return null;
    if ((await countUpdates(this.local.db, releaseId)) > 0) return null;
    let fetched: FetchedFrozen | 'unchanged' | null;
    try {
      fetched = await fetch(releaseId);
    } catch (error) {
      console.warn(error);
      return null;
    }
    if (!fetched || fetched === 'unchanged' || !this.isArchived(releaseId) || this.local.isLoaded(releaseId))
      return null;
    return readFetchedFrozen(this.local.db, releaseId, fetched, nextTask, onSteps);
  }

  /**
   * FZ-10: a snapshot this device kept from the relay (it has no document of the release) is asked for
   * again each time the release is opened, with its hash (304 when unchanged): a late change the relay
   * froze in since (FZ-05), or a release the relay froze before all of it had arrived, reaches this
   * device. The new snapshot replaces the kept one (and its projection rows) and the view moves to it.
   */
  private async revalidate(releaseId: ReleaseId, f: FollowedRelease, shown: ReleaseState): Promise<void> {
    const fetch = this.options.fetchFrozen;
    if (!fetch || (await countUpdates(this.local.db, releaseId)) > 0) return;
    const kept = await this.local.db.frozenReleases.get(releaseId);
    if (!kept) return;
    const fetched = await fetch(releaseId, kept.hash).catch(() => null);
    if (!fetched || fetched === 'unchanged' || fetched.hash === kept.hash) return;
    const stillShown = () =>
      f.frozen === shown && this.isArchived(releaseId) && !this.local.isLoaded(releaseId);
    if (!stillShown()) return;
    const release = await readFetchedFrozen(
      this.local.db,
      releaseId,
      fetched,
      nextTask,
      undefined,
      kept.hash,
    );
    if (!release || !stillShown()) return;
    f.frozen = release;
    f.frozenHistory = true;
    this.bump(releaseId, f, { kind: 'reload', releaseId });
  }

  /**
   * Resolves once the release's first paint has gone by: a view has subscribed, then the page was idle
   * (at most IDLE_BEFORE_SNAPSHOT_MS later). For the work that must not hold that paint back (RM-08).
   */
  private async painted(f: FollowedRelease): Promise<void> {
    await this.viewed(f);
    await idleTask(IDLE_BEFORE_SNAPSHOT_MS);
  }

  /** Resolves once a view has subscribed to the release (at once when one has). */
  private viewed(f: FollowedRelease): Promise<void> {
    if (f.viewed) return Promise.resolve();
    return new Promise((resolve) => f.viewedWaiters.push(resolve));
  }

  private isArchived(releaseId: ReleaseId): boolean {
    return this.local.state.catalog.releases[releaseId]?.status === 'archived';
  }

  /**
   * The stored copy: steps first (the matrix paints), then the history. Its step states stay packed for
   * the first paint, as an archived release's do (RM-09): the matrix reads their columns. Once the page
   * is idle they are built a few buckets per task, unless the document has taken over by then, so
   * whatever reads them next (the progress count, the step panel) does not build 50,000 in one task.
   */
  private async readStored(releaseId: ReleaseId, f: FollowedRelease): Promise<void> {
    const { db } = this.local;
    const rows = await readReleaseRows(db, releaseId, { events: false });
    const { release: stored, buildSteps } = await releaseFromRowsPacked(releaseId, rows, nextTask);
    // The document may have won the race; then the stored copy is of no use.
    if (this.local.isLoaded(releaseId)) return;
    f.stored = stored;
    this.bump(releaseId, f, { kind: 'reload', releaseId });
    const chunks = await readEventRows(db, releaseId);
    if (f.stored !== stored) return;
    // Decoded when something reads it (the step history), not before.
    setEvents(stored, chunks, { lazyEvents: true });
    f.storedHistory = true;
    this.bump(releaseId, f, { kind: 'reload', releaseId });
    await this.painted(f);
    while (f.stored === stored && !buildSteps(BUCKETS_PER_TASK)) await laterTask();
  }

  private onChanges(changes: DocChanges): void {
    if (changes.kind === 'catalog') {
      this.catalogVersion += 1;
      for (const listener of [...this.catalogListeners]) listener();
      // Views of a release show catalog data too (customer and cluster names), and a release that
      // was missing may have arrived.
      for (const [releaseId, f] of this.followed) {
        // Unarchived (here or elsewhere): the snapshot gives way to the document, which edits need.
        if (f.frozen && !this.isArchived(releaseId)) this.openBoth(releaseId, f);
        if (f.listeners.size > 0) this.start(releaseId, f);
        this.bump(releaseId, f, changes);
      }
      return;
    }
    const f = this.followed.get(changes.releaseId);
    if (f) this.bump(changes.releaseId, f, changes);
  }

  private bump(_releaseId: ReleaseId, f: FollowedRelease, change: ReadChange): void {
    f.version += 1;
    for (const listener of [...f.changeListeners]) listener(change);
    for (const listener of [...f.listeners]) listener();
  }
}
