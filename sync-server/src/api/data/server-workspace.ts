/**
 * The server's own Workspace: the same documents, mirrors and domain commands as the app, bound to the
 * relay's in-memory room documents. A command run here is a Yjs transaction on the room's document, so the
 * relay stores it and sends it to every connected device exactly like an update from a client.
 *
 * The catalog room is held (kept loaded) for as long as this exists. A release room is held while the API
 * uses it and let go `releaseIdleMs` after its last use; the relay then unloads it when no socket is left.
 * Loading a room reads storage, so opening is asynchronous: a route awaits `ready()` (and `openRelease`)
 * and then reads `state` synchronously. A command resolves once its change is stored.
 *
 * An archived release the relay holds a frozen snapshot of (FZ-06) is read from that snapshot, thawed,
 * instead of loading its room (FZ-08): reading a finished release costs its snapshot, not a replay of its
 * document. The thawed copy is kept while it is used (`releaseIdleMs`), and read again when the stored
 * snapshot's hash changes (a late change refroze it). Commands always run on the document.
 */
import type { Command } from '@runsheet/doc';
import { catalogRoots, FrozenReleaseError, Workspace } from '@runsheet/doc';
import {
  anyCommand,
  type CatalogState,
  type CommandContext,
  type CommandInput,
  type CommandName,
  type CommandResult,
  type CommandValue,
  type DefinedCommand,
  type DomainState,
  type ReleaseId,
  type ReleaseState,
  releaseIdOf,
} from '@runsheet/domain';
import type { AuditedAs } from '../../relay/identity.ts';
import type { Relay } from '../../relay/relay.ts';
import type { Room } from '../../relay/room.ts';
import { parseRoomName } from '../../relay/room-name.ts';
import type { FrozenStore } from '../../storage/contract.ts';
import { thawInSlices } from './thaw-in-slices.ts';

/** A stored snapshot read into a release state, with the hash it was read at. */
interface Thawed {
  hash: string;
  state: ReleaseState;
}

/** An archived release read from its stored snapshot (FZ-08), kept while the API uses it. */
interface FrozenRead extends Thawed {
  timer: NodeJS.Timeout | null;
}

interface HeldRelease {
  room: Room;
  release(): void;
  timer: NodeJS.Timeout | null;
}

export interface ServerWorkspaceOptions {
  /** Let a release room go this long after the API last used it. */
  releaseIdleMs: number;
  /** The relay's frozen snapshots (FZ-06): archived releases are read from them. None: from rooms. */
  frozen?: FrozenStore;
  log?: Pick<Console, 'warn'>;
}

export class ServerWorkspace {
  private current: { workspace: Workspace; room: Room; release(): void } | null = null;
  private opening: Promise<Workspace> | null = null;
  private readonly held = new Map<ReleaseId, HeldRelease>();
  private readonly openingReleases = new Map<ReleaseId, Promise<HeldRelease>>();
  private readonly frozenReads = new Map<ReleaseId, FrozenRead>();
  private readonly thawing = new Map<ReleaseId, { hash: string; done: Promise<Thawed | null> }>();
  private readonly catalogListeners = new Set<(catalog: CatalogState) => void>();
  private closed = false;
  /**
   * Bumped on every change of the catalog's state (a command here, an update from a device, a reload):
   * the API caches answers made from one version and drops them when this moves.
   */
  catalogVersion = 0;

  constructor(
    private readonly relay: Relay,
    private readonly options: ServerWorkspaceOptions,
  ) {
    // A room can unload under us only when the relay drops it after a storage failure: forget it, so the
    // next request loads it again from what is stored.
    relay.on('room-unloading', (name) => {
      if (name === 'catalog') this.reset();
      else this.forgetRelease(name as ReleaseId);
    });
  }

  /** The workspace, bound to the catalog room (loaded on first use). */
  ready(): Promise<Workspace> {
    if (this.closed) return Promise.reject(new Error('The server workspace is closed'));
    if (this.current !== null) return Promise.resolve(this.current.workspace);
    this.opening ??= (async () => {
      const { room, release } = await this.relay.hold(parseRoomName('catalog')!);
      if (this.closed) {
        release();
        throw new Error('The server workspace is closed');
      }
      const workspace = new Workspace({ catalog: room.doc, destroyDocsOnClose: false });
      // The mirror updates the state in place and then emits: every catalog change passes here.
      workspace.subscribe((changes) => {
        if (changes.kind !== 'catalog') return;
        this.catalogVersion++;
        this.tellCatalog(workspace.state.catalog);
      });
      this.catalogVersion++;
      this.current = { workspace, room, release };
      this.tellCatalog(workspace.state.catalog);
      return workspace;
    })().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  /** The loaded workspace; only after `ready()` resolved in the same turn (throws otherwise). */
  private get loaded(): Workspace {
    if (this.current === null) throw new Error('The server workspace is not loaded: await ready() first');
    return this.current.workspace;
  }

  /**
   * Hears the catalog's state once it is loaded and after every change of it (the freezer follows which
   * releases are archived). Returns the way to stop.
   */
  onCatalogChange(listener: (catalog: CatalogState) => void): () => void {
    this.catalogListeners.add(listener);
    if (this.current !== null) listener(this.current.workspace.state.catalog);
    return () => this.catalogListeners.delete(listener);
  }

  private tellCatalog(catalog: CatalogState): void {
    for (const listener of [...this.catalogListeners]) listener(catalog);
  }

  /**
   * The current state; after `ready()` (and `openRelease` for the releases read). An archived release
   * read from its snapshot is in it beside the documents' releases; a document loaded here wins.
   */
  get state(): DomainState {
    const live = this.loaded.state;
    if (this.frozenReads.size === 0) return live;
    const releases = { ...live.releases };
    for (const [id, read] of this.frozenReads) if (releases[id] === undefined) releases[id] = read.state;
    return { catalog: live.catalog, releases };
  }

  /** Where `openRelease` read the release from last (a test compares both). */
  sourceOf(releaseId: ReleaseId): 'frozen' | 'document' | null {
    if (this.held.has(releaseId)) return 'document';
    return this.frozenReads.has(releaseId) ? 'frozen' : null;
  }

  /** SE-04: true when the catalog lists `releaseId`; a release room exists only for those. */
  async knowsRelease(releaseId: string): Promise<boolean> {
    await this.ready();
    return this.current !== null && catalogRoots(this.current.room.doc).releases.has(releaseId);
  }

  /**
   * Makes `state.releases[id]` current for reading: from the release's frozen snapshot when it is
   * archived and one is stored (FZ-08), else from its document (`openDocument`).
   */
  async openRelease(releaseId: ReleaseId): Promise<void> {
    await this.ready();
    if (!this.held.has(releaseId) && (await this.readFrozen(releaseId))) return;
    this.forgetFrozen(releaseId);
    await this.openDocument(releaseId);
  }

  /** True when the release is now read from its snapshot; false when it must be read from its room. */
  private async readFrozen(releaseId: ReleaseId): Promise<boolean> {
    const store = this.options.frozen;
    if (store === undefined || this.state.catalog.releases[releaseId]?.status !== 'archived') return false;
    const hash = await store.hash(releaseId);
    if (hash === undefined) return false;
    let read = this.frozenReads.get(releaseId);
    if (read?.hash !== hash) {
      const thawed = await this.thaw(releaseId, hash, store);
      if (thawed === null) return false;
      read = this.frozenReads.get(releaseId);
      if (read?.hash !== thawed.hash) {
        if (read?.timer) clearTimeout(read.timer);
        read = { hash: thawed.hash, state: thawed.state, timer: null };
        this.frozenReads.set(releaseId, read);
      }
    }
    // Awaited reads above: a command may have loaded the document meanwhile, which then answers.
    if (this.held.has(releaseId)) return false;
    if (read.timer !== null) clearTimeout(read.timer);
    read.timer = setTimeout(() => this.forgetFrozen(releaseId), this.options.releaseIdleMs);
    read.timer.unref();
    return true;
  }

  /**
   * Reads the stored snapshot of `releaseId` in slices (FZ-11), once however many requests ask for the same
   * hash meanwhile. Null when there is none, or it is unreadable (damaged or newer: the document answers,
   * and the freezer writes it again).
   */
  private thaw(releaseId: ReleaseId, hash: string, store: FrozenStore): Promise<Thawed | null> {
    const inFlight = this.thawing.get(releaseId);
    if (inFlight?.hash === hash) return inFlight.done;
    const entry = { hash, done: this.thawStored(releaseId, store) };
    this.thawing.set(releaseId, entry);
    void entry.done.finally(() => {
      if (this.thawing.get(releaseId) === entry) this.thawing.delete(releaseId);
    });
    return entry.done;
  }

  private async thawStored(releaseId: ReleaseId, store: FrozenStore): Promise<Thawed | null> {
    const row = await store.get(releaseId);
    if (row === undefined) return null;
    try {
      return { hash: row.hash, state: await thawInSlices(row.bytes) };
    } catch (error) {
      if (!(error instanceof FrozenReleaseError)) throw error;
      this.options.log?.warn(`The frozen snapshot of ${releaseId} is unreadable (${error.code})`);
      return null;
    }
  }

  private forgetFrozen(releaseId: ReleaseId): void {
    const read = this.frozenReads.get(releaseId);
    if (read === undefined) return;
    if (read.timer !== null) clearTimeout(read.timer);
    this.frozenReads.delete(releaseId);
  }

  /**
   * Opens a release document (loading its room if needed) so that `state.releases[id]` is current.
   * Only for releases the catalog knows: an unknown id must not create a room.
   */
  async openDocument(releaseId: ReleaseId): Promise<void> {
    await this.ready();
    this.forgetFrozen(releaseId);
    let held = this.held.get(releaseId);
    if (held === undefined) {
      let opening = this.openingReleases.get(releaseId);
      if (opening === undefined) {
        opening = this.holdRelease(releaseId).finally(() => this.openingReleases.delete(releaseId));
        this.openingReleases.set(releaseId, opening);
      }
      held = await opening;
    }
    if (held.timer !== null) clearTimeout(held.timer);
    held.timer = setTimeout(() => this.forgetRelease(releaseId), this.options.releaseIdleMs);
    held.timer.unref();
  }

  private async holdRelease(releaseId: ReleaseId): Promise<HeldRelease> {
    const name = parseRoomName(releaseId);
    if (name === null) throw new Error(`Not a release room: ${releaseId}`);
    const { room, release } = await this.relay.hold(name);
    const workspace = await this.ready();
    const held: HeldRelease = { room, release, timer: null };
    this.held.set(releaseId, held);
    workspace.openRelease(releaseId, room.doc);
    return held;
  }

  /**
   * Runs a domain command on the documents (the release its input names is opened first, CM-02) and
   * resolves once its change is stored, so an API answer never confirms what a crash could still lose.
   * With `as`, the change is audited and its history attested as that caller's write (SE-11f), exactly
   * like a device's update.
   */
  async run<I, T>(
    command: Command<I, T>,
    input: I,
    ctx: CommandContext,
    as?: AuditedAs,
  ): Promise<CommandResult<T>> {
    const releaseId =
      'spec' in command ? releaseIdOf(command as unknown as DefinedCommand, input as never) : undefined;
    if (releaseId !== undefined) await this.openDocument(releaseId);
    else await this.ready();
    const catalog = this.current!.room;
    const release = releaseId === undefined ? undefined : this.held.get(releaseId)?.room;
    const workspace = this.loaded;
    const apply = () => workspace.run(command, input, ctx);
    // The workspace's transactions carry the workspace as their origin (its `apply`).
    const writer = { auditAs: as };
    const result =
      as === undefined
        ? apply()
        : catalog.writeAs(workspace, writer, () =>
            release === undefined ? apply() : release.writeAs(workspace, writer, apply),
          );
    if (result.ok) await Promise.all([catalog.persisted(), release?.persisted()]);
    return result;
  }

  /** The command registered under `name` (CM-01): the REST API's write routes name theirs. */
  runNamed<N extends CommandName>(
    name: N,
    input: CommandInput<N>,
    ctx: CommandContext,
    as?: AuditedAs,
  ): Promise<CommandResult<CommandValue<N>>> {
    return this.run(anyCommand(name) as unknown as Command<CommandInput<N>, CommandValue<N>>, input, ctx, as);
  }

  private forgetRelease(releaseId: ReleaseId): void {
    const held = this.held.get(releaseId);
    if (held === undefined) return;
    this.held.delete(releaseId);
    if (held.timer !== null) clearTimeout(held.timer);
    this.current?.workspace.closeRelease(releaseId);
    held.release();
  }

  private reset(): void {
    for (const id of [...this.frozenReads.keys()]) this.forgetFrozen(id);
    if (this.current === null) return;
    this.catalogVersion++;
    for (const id of [...this.held.keys()]) this.forgetRelease(id);
    this.current.workspace.destroy();
    this.current.release();
    this.current = null;
  }

  close(): void {
    this.reset();
    this.closed = true;
  }
}
