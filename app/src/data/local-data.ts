/**
 * The app's data core: a Workspace (documents + the one write path) persisted in IndexedDB, projected
 * into Dexie tables, and shared with the other tabs of this browser.
 *
 *   command -> Workspace (Yjs transaction) -> mirror change set ----> DirtySet --\
 *                                          -> doc 'update' --------> pending ----+-> one Dexie transaction
 *                                                              \---> other tabs    (updates + rows)
 *
 * Remote updates (relay, other tabs) enter on a document (receiveUpdate) and take the same path.
 */

import {
  allRows,
  CATALOG,
  type Command,
  DirtySet,
  type DocChanges,
  type DocName,
  FrozenReleaseError,
  heldUpdates,
  ReleaseMirror,
  readRelease,
  receiveUpdate,
  releaseRows,
  thawRelease,
  Workspace,
} from '@runsheet/doc';
import {
  anyCommand,
  type CommandContext,
  type CommandInput,
  type CommandName,
  type CommandResult,
  type CommandValue,
  type DefinedCommand,
  type ReleaseId,
  releaseIdOf,
} from '@runsheet/domain';
import type { DexieOptions } from 'dexie';
import * as Y from 'yjs';
import { loadCatalogInSlices } from './catalog-loader.ts';
import { Compactor } from './compactor.ts';
import { DB_NAME, RunsheetDB } from './db.ts';
import { loadDoc, mergeRows, readUpdates, storedDocNames } from './doc-storage.ts';
import { type FrozenRow, frozenRow, hasFrozen } from './frozen-store.ts';
import { nextTask } from './next-task.ts';
import {
  PROJECTION_VERSION,
  PROJECTION_VERSION_KEY,
  storedProjectionVersion,
  writeRows,
} from './projection-writer.ts';
import { defaultSlicer, type Slicer } from './release-slicer.ts';
import { type ChannelLike, openTabChannel, TabLink, type TabMessage } from './tab-channel.ts';
import { defaultSetTimer, type SetTimer, WriteQueue } from './write-queue.ts';

/** Where page lifecycle events come from (window and document in the browser; fakes in tests). */
export interface Lifecycle {
  window: EventTarget;
  document: EventTarget & { visibilityState: string };
}

export interface LocalDataOptions {
  dbName?: string;
  /** IndexedDB implementation (fake-indexeddb in tests); the browser's by default. */
  dexie?: DexieOptions;
  /** The tab channel; `null` for none. Default: a BroadcastChannel when the platform has one. */
  channel?: ChannelLike | null;
  /** Default: window/document when present. `null` to attach to none. */
  lifecycle?: Lifecycle | null;
  /** Delay before a write after a quiet moment, ms. Must stay well under 250 (durability promise). */
  batchMs?: number;
  /** Merge a document's stored updates once it has this many rows. */
  compactAfter?: number;
  /** How long a due compaction waits, so it does not land in a burst of edits. */
  compactDelayMs?: number;
  setTimer?: SetTimer;
  /** Ends a task between the slices of opening a release (tests pass a resolved promise). */
  pause?: () => Promise<void>;
  /** A release document stored in more bytes than this opens a slice per task. Default 256 KB. */
  sliceAbove?: number;
  /** Cuts a document's rows into slices; default a worker (release-slicer.ts). */
  slicer?: Slicer;
}

/** About how many entries (or characters) of content one slice holds: a few milliseconds to apply. */
const SLICE_LENGTH = 2500;
/** A document stored in more bytes than this opens a slice per task (the catalog of 1,000 customers is 360 KB). */
const SLICE_ABOVE = 256 * 1024;

/** Origin of updates read back from IndexedDB: they are stored already, so they are not written again. */
export const STORAGE_ORIGIN = { source: 'indexeddb' } as const;
/** Origin of updates received from another tab: stored here too, never echoed back to the tabs. */
export const TAB_ORIGIN = { source: 'tab' } as const;

interface PendingUpdate {
  docName: DocName;
  update: Uint8Array;
}

export class LocalData {
  private pending: PendingUpdate[] = [];
  private readonly dirty = new DirtySet();
  private readonly queue: WriteQueue;
  private readonly lastSeq = new Map<DocName, number>();
  private readonly opening = new Map<ReleaseId, Promise<void>>();
  private readonly hydrating = new Map<ReleaseId, Promise<void>>();
  /** Releases whose snapshot must be written (archived) or dropped (unarchived) with the next write. */
  private readonly freezeDue = new Set<ReleaseId>();
  private readonly cleanups: Array<() => void> = [];
  private tabs: TabLink | null = null;
  private readonly writeListeners = new Set<() => void>();
  private readonly compactor: Compactor;
  private readonly pause: () => Promise<void>;
  private readonly sliceAbove: number;
  private readonly slicer: Slicer;

  private constructor(
    readonly db: RunsheetDB,
    readonly workspace: Workspace,
    options: LocalDataOptions,
  ) {
    const setTimer = options.setTimer ?? defaultSetTimer;
    this.pause = options.pause ?? nextTask;
    this.sliceAbove = options.sliceAbove ?? SLICE_ABOVE;
    this.slicer = options.slicer ?? defaultSlicer;
    const onError = (error: unknown) => console.error(error);
    this.queue = new WriteQueue(
      () => this.writeBatch(),
      () => this.pending.length > 0 || !this.dirty.isEmpty || this.freezeReady(),
      options.batchMs ?? 0,
      setTimer,
      onError,
    );
    this.compactor = new Compactor(db, (name) => workspace.doc(name), {
      after: options.compactAfter ?? 200,
      delayMs: options.compactDelayMs ?? 2000,
      setTimer,
      onError,
    });
  }

  /** Opens the database, loads the catalog and makes sure the projection is current. */
  static async open(options: LocalDataOptions = {}): Promise<LocalData> {
    const db = new RunsheetDB(options.dbName ?? DB_NAME, options.dexie);
    await db.open();
    // In slices (RM-05): the workspace, its mirror and every reader come after the whole catalog.
    const loaded = await loadCatalogInSlices(db, {
      origin: STORAGE_ORIGIN,
      pause: options.pause ?? nextTask,
      slicer: options.slicer ?? defaultSlicer,
      sliceAbove: options.sliceAbove ?? SLICE_ABOVE,
      sliceLength: SLICE_LENGTH,
    });
    const catalog = loaded.doc;
    // A release document the workspace opens by itself (a command or a remote update reached a release
    // not opened through openRelease) still gets what is stored of it.
    let self: LocalData | null = null;
    const createDoc = (name: DocName) => {
      const doc = new Y.Doc();
      if (name !== CATALOG) self?.hydrate(name, doc);
      return doc;
    };
    const data = new LocalData(
      db,
      new Workspace({ catalog, catalogState: loaded.state, createDoc }),
      options,
    );
    self = data;
    data.lastSeq.set(CATALOG, loaded.lastSeq);
    data.compactor.remember(CATALOG, loaded.seqs);
    if (loaded.compact) data.compactor.request(CATALOG);
    data.attach(CATALOG, catalog);
    data.cleanups.push(data.workspace.onDocOpen((name, doc) => data.attach(name, doc)));
    data.cleanups.push(
      data.workspace.subscribe((changes) => {
        data.dirty.add(changes);
        data.noteFreeze(changes);
        data.queue.schedule();
      }),
    );
    const channel = options.channel === undefined ? openTabChannel() : options.channel;
    if (channel) data.tabs = new TabLink(channel, (m) => data.receiveFromTab(m));
    data.listenToLifecycle(options.lifecycle === undefined ? browserLifecycle() : options.lifecycle);
    if ((await storedProjectionVersion(db)) !== PROJECTION_VERSION) await data.rebuildProjection();
    return data;
  }

  get state() {
    return this.workspace.state;
  }

  /**
   * The one write path (see Workspace.run) for a release that is already open, or the catalog;
   * persistence and projection follow within one write. Screens use `runCommand` or `runNamed`, which
   * open the release the input names first.
   */
  run<I, T>(command: Command<I, T>, input: I, ctx: CommandContext): CommandResult<T> {
    return this.workspace.run(command, input, ctx);
  }

  /**
   * Runs `command` after opening the release its input names (CM-02): the caller never passes the
   * release id a second time. A command made without `defineCommand` runs as it is.
   */
  async runCommand<I, T>(command: Command<I, T>, input: I, ctx: CommandContext): Promise<CommandResult<T>> {
    const releaseId =
      'spec' in command ? releaseIdOf(command as unknown as DefinedCommand, input as never) : undefined;
    if (releaseId) await this.openRelease(releaseId);
    return this.workspace.run(command, input, ctx);
  }

  /** Runs the command registered under `name` (CM-01), opening its release first. */
  runNamed<N extends CommandName>(
    name: N,
    input: CommandInput<N>,
    ctx: CommandContext,
  ): Promise<CommandResult<CommandValue<N>>> {
    return this.runCommand(
      anyCommand(name) as unknown as Command<CommandInput<N>, CommandValue<N>>,
      input,
      ctx,
    );
  }

  /**
   * Opens a release document from IndexedDB (its projection is already stored). Commands on a release
   * need it open; opening twice is one load.
   */
  openRelease(releaseId: ReleaseId): Promise<void> {
    if (this.workspace.isOpen(releaseId)) return this.hydrating.get(releaseId) ?? Promise.resolve();
    let opening = this.opening.get(releaseId);
    if (!opening) {
      opening = this.loadRelease(releaseId).finally(() => this.opening.delete(releaseId));
      this.opening.set(releaseId, opening);
    }
    return opening;
  }

  /**
   * Reads a release document from IndexedDB in separate tasks, so a large one (a finished release)
   * never holds the page in one long task: read the rows; cut them into slices in a worker and apply
   * one slice per task; read the log in slices (ReleaseMirror.openInSlices). The document is not observed or shared until it is read, so nothing
   * changes it meanwhile; rows another tab stored in between are applied once it is open.
   */
  private async loadRelease(releaseId: ReleaseId): Promise<void> {
    const rows = await readUpdates(this.db, releaseId);
    const doc = new Y.Doc();
    const bytes = rows.reduce((sum, r) => sum + r.update.length, 0);
    if (bytes > this.sliceAbove) {
      // Decoded and cut in a worker; each slice is a task here (a 50,000-done release: about 20).
      let slices: Uint8Array[];
      try {
        slices = await this.slicer(
          rows.map((r) => r.update),
          SLICE_LENGTH,
        );
      } catch (error) {
        console.error(error);
        slices = [mergeRows(rows)];
      }
      for (const slice of slices) {
        await this.pause();
        Y.applyUpdate(doc, slice, STORAGE_ORIGIN);
      }
    } else if (rows.length > 0) {
      await this.pause();
      Y.applyUpdate(doc, mergeRows(rows), STORAGE_ORIGIN);
    }
    const seqs = rows.map((r) => r.seq ?? 0);
    await this.pause();
    const mirror = await ReleaseMirror.openInSlices(doc, releaseId, this.pause);
    if (this.workspace.isOpen(releaseId)) {
      // Opened meanwhile by a command or a remote update (it loads what is stored by itself).
      mirror.destroy();
      doc.destroy();
      return;
    }
    this.lastSeq.set(
      releaseId,
      seqs.reduce((max, seq) => Math.max(max, seq), 0),
    );
    this.workspace.adoptRelease(mirror);
    this.compactor.remember(releaseId, seqs);
    if (seqs.length > 1) this.compactor.request(releaseId);
    await this.catchUp(releaseId, doc);
    // An archived release with no snapshot here (archived before this device froze releases, or
    // archived elsewhere while its document was closed) is frozen now that its document is read.
    if (this.isArchived(releaseId) && !(await hasFrozen(this.db, releaseId))) {
      this.freezeDue.add(releaseId);
      this.queue.schedule();
    }
  }

  private isArchived(releaseId: ReleaseId): boolean {
    return this.state.catalog.releases[releaseId]?.status === 'archived';
  }

  /**
   * Which snapshots a change makes due (FZ-01..FZ-05): a release archived here or on another device
   * (the catalog says so), unarchived (its snapshot goes), or an archived release whose document
   * changed (a late event: it is frozen again with the event in it).
   */
  private noteFreeze(changes: DocChanges): void {
    if (changes.kind === 'catalog') {
      for (const id of changes.releases) this.freezeDue.add(id);
    } else if (this.isArchived(changes.releaseId)) {
      this.freezeDue.add(changes.releaseId);
    }
  }

  /** Whether a due snapshot can be written now (a release still loading is written once it is read). */
  private freezeReady(): boolean {
    for (const id of this.freezeDue) if (!this.isArchived(id) || this.isLoaded(id)) return true;
    return false;
  }

  /** The snapshots to write and drop with this write; what cannot be frozen yet stays due. */
  private takeFreezes(): { put: FrozenRow[]; drop: ReleaseId[] } {
    const put: FrozenRow[] = [];
    const drop: ReleaseId[] = [];
    for (const id of [...this.freezeDue]) {
      if (!this.isArchived(id)) drop.push(id);
      else if (!this.workspace.isOpen(id)) {
        // Frozen when its document is next loaded (loadRelease).
      } else if (!this.isLoaded(id)) continue;
      else {
        const release = this.state.releases[id];
        if (release) put.push(frozenRow(release));
      }
      this.freezeDue.delete(id);
    }
    return { put, drop };
  }

  /** Whether the release document is open and holds what is stored of it (commands can run on it). */
  isLoaded(releaseId: ReleaseId): boolean {
    return this.workspace.isOpen(releaseId) && !this.hydrating.has(releaseId);
  }

  /** Active releases stay open; archived ones load on demand (SY-07; docs/ARCHITECTURE.md "Documents"). */
  async openActiveReleases(): Promise<void> {
    const active = Object.values(this.state.catalog.releases).filter((r) => r.status === 'active');
    await Promise.all(active.map((r) => this.openRelease(r.id)));
  }

  /** Writes what is pending before the release's state leaves memory. */
  async closeRelease(releaseId: ReleaseId): Promise<void> {
    await this.flush();
    this.compactor.forget(releaseId);
    this.workspace.closeRelease(releaseId);
  }

  /** Resolves once every change made so far is in IndexedDB, updates and projection alike. */
  async flush(): Promise<void> {
    await this.queue.flush();
    await this.compactor.runDue();
  }

  /** Merges a document's stored updates now (normally done in the background). */
  async compactNow(docName: DocName): Promise<void> {
    this.compactor.request(docName);
    await this.compactor.runDue();
  }

  /** Called after each write to IndexedDB commits (a "saved" indicator; the benchmark's stopwatch). */
  onWrite(listener: () => void): () => void {
    this.writeListeners.add(listener);
    return () => this.writeListeners.delete(listener);
  }

  /** Resolves when no write is running (one started by the timer or the page lifecycle). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  /**
   * Applies updates other tabs stored since this tab last looked: the fallback for messages missed
   * while the tab was frozen or when there is no BroadcastChannel.
   */
  async syncFromStorage(): Promise<void> {
    for (const [name, doc] of this.workspace.docs()) await this.catchUp(name, doc);
  }

  /** Applies a document's rows stored after the last one this tab read. */
  private async catchUp(name: DocName, doc: Y.Doc): Promise<void> {
    const rows = await readUpdates(this.db, name, this.lastSeq.get(name) ?? 0);
    if (rows.length === 0) return;
    receiveUpdate(doc, Y.mergeUpdates(rows.map((r) => r.update)), STORAGE_ORIGIN);
    this.lastSeq.set(name, Math.max(...rows.map((r) => r.seq ?? 0)));
    // Held back (a gap): the document does not contain these rows yet, so they are not compacted.
    if (heldUpdates(doc) === 0)
      this.compactor.remember(
        name,
        rows.map((r) => r.seq ?? 0),
      );
  }

  /** Drops the projection and rebuilds it from every stored document (open ones from memory). */
  async rebuildProjection(): Promise<void> {
    await this.flush();
    const writes = allRows(this.state);
    const stored = await storedDocNames(this.db);
    for (const name of stored) {
      if (name === CATALOG || this.workspace.isOpen(name)) continue;
      const doc = new Y.Doc();
      await loadDoc(this.db, name, doc, STORAGE_ORIGIN);
      releaseRows(readRelease(doc, name), writes);
      doc.destroy();
    }
    // A release known here only from its snapshot (FZ-09: fetched from the relay, its document never
    // synced) has its rows from the snapshot, or the release list would lose it until it is opened.
    const known = new Set<string>(stored);
    for (const row of await this.db.frozenReleases.toArray()) {
      if (known.has(row.releaseId) || this.workspace.isOpen(row.releaseId)) continue;
      try {
        releaseRows(thawRelease(row.bytes), writes);
      } catch (error) {
        if (!(error instanceof FrozenReleaseError)) throw error; // unreadable: made again when next opened
      }
    }
    await this.db.transaction(
      'rw',
      [...Object.values(this.db.projectionTables()), this.db.meta],
      async () => {
        await Promise.all(Object.values(this.db.projectionTables()).map((t) => t.clear()));
        await writeRows(this.db, writes);
        await this.db.meta.put({ key: PROJECTION_VERSION_KEY, value: PROJECTION_VERSION });
      },
    );
  }

  async close(): Promise<void> {
    await this.flush();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.tabs?.close();
    this.workspace.destroy();
    this.db.close();
  }

  /** Loads what is stored of a release document the workspace created empty. */
  private hydrate(releaseId: ReleaseId, doc: Y.Doc): void {
    const running = readUpdates(this.db, releaseId)
      .then((rows) => {
        if (rows.length === 0) return;
        receiveUpdate(doc, Y.mergeUpdates(rows.map((r) => r.update)), STORAGE_ORIGIN);
        this.lastSeq.set(releaseId, Math.max(...rows.map((r) => r.seq ?? 0)));
        if (heldUpdates(doc) === 0)
          this.compactor.remember(
            releaseId,
            rows.map((r) => r.seq ?? 0),
          );
      })
      .finally(() => {
        this.hydrating.delete(releaseId);
        // A snapshot that waited for the document to be read (a late event on an archived release).
        if (this.freezeDue.has(releaseId)) this.queue.schedule();
      });
    this.hydrating.set(releaseId, running);
  }

  private attach(name: DocName, doc: Y.Doc): void {
    const onUpdate = (update: Uint8Array, origin: unknown) => {
      if (origin === STORAGE_ORIGIN) return;
      this.pending.push({ docName: name, update });
      // Updates from another tab are stored here too (the sender may close before it writes), but
      // never echoed back to the tabs.
      if (origin !== TAB_ORIGIN) this.tabs?.send(name, update);
      this.queue.schedule();
    };
    doc.on('update', onUpdate);
    this.cleanups.push(() => doc.off('update', onUpdate));
  }

  private receiveFromTab(message: TabMessage): void {
    const doc = this.workspace.doc(message.docName);
    // A release this tab has not opened: the sending tab stores it, and it loads from there when opened.
    if (doc) receiveUpdate(doc, message.update, TAB_ORIGIN);
  }

  /**
   * One transaction: the pending updates, the rows of everything they changed, and the snapshots of
   * releases archived (or changed while archived) by them, so "Archived" is said only once the
   * snapshot is stored too (IO-18, FZ-01).
   */
  private async writeBatch(): Promise<void> {
    const updates = mergePerDoc(this.pending);
    this.pending = [];
    const writes = this.dirty.take(this.state);
    const frozen = this.takeFreezes();
    const tables = [...Object.values(this.db.projectionTables()), this.db.docUpdates, this.db.frozenReleases];
    let seqs: number[] = [];
    try {
      seqs = await this.db.transaction('rw', tables, async () => {
        const added = updates.length > 0 ? await this.db.docUpdates.bulkAdd(updates, { allKeys: true }) : [];
        await writeRows(this.db, writes);
        if (frozen.put.length > 0) await this.db.frozenReleases.bulkPut(frozen.put);
        if (frozen.drop.length > 0) await this.db.frozenReleases.bulkDelete(frozen.drop);
        return added;
      });
    } catch (error) {
      // Keep the updates for the next attempt; the rows are recomputed from the documents on rebuild.
      this.pending = [...updates, ...this.pending];
      for (const row of frozen.put) this.freezeDue.add(row.releaseId);
      for (const id of frozen.drop) this.freezeDue.add(id);
      throw error;
    }
    updates.forEach(({ docName }, i) => {
      const seq = seqs[i];
      if (seq !== undefined) this.compactor.remember(docName, [seq]);
    });
    for (const listener of [...this.writeListeners]) listener();
  }

  private listenToLifecycle(lifecycle: Lifecycle | null): void {
    if (!lifecycle) return;
    const flush = () => {
      this.flush().catch((error: unknown) => console.error(error));
    };
    const onVisibility = () => {
      if (lifecycle.document.visibilityState === 'hidden') flush();
      else this.syncFromStorage().catch((error: unknown) => console.error(error));
    };
    lifecycle.window.addEventListener('pagehide', flush);
    lifecycle.document.addEventListener('visibilitychange', onVisibility);
    this.cleanups.push(() => {
      lifecycle.window.removeEventListener('pagehide', flush);
      lifecycle.document.removeEventListener('visibilitychange', onVisibility);
    });
  }
}

/** One row per document per batch: fewer rows to read back and compact. */
function mergePerDoc(updates: PendingUpdate[]): Array<{ docName: DocName; update: Uint8Array }> {
  const byDoc = new Map<DocName, Uint8Array[]>();
  for (const { docName, update } of updates) {
    const list = byDoc.get(docName);
    if (list) list.push(update);
    else byDoc.set(docName, [update]);
  }
  return [...byDoc].map(([docName, list]) => ({
    docName,
    update: list.length === 1 ? (list[0] as Uint8Array) : Y.mergeUpdates(list),
  }));
}

function browserLifecycle(): Lifecycle | null {
  if (typeof window === 'undefined' || typeof document === 'undefined') return null;
  return { window, document };
}
