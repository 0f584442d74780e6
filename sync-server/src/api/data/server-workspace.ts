/**
 * The server's own Workspace: the same documents, mirrors and domain commands as the app, bound to the
 * relay's in-memory room documents. A command run here is a Yjs transaction on the room's document, so the
 * relay stores it and sends it to every connected device exactly like an update from a client.
 *
 * The catalog room is held (kept loaded) for as long as this exists. A release room is held while the API
 * uses it and let go `releaseIdleMs` after its last use; the relay then unloads it when no socket is left.
 * Loading a room reads storage, so opening is asynchronous: a route awaits `ready()` (and `openRelease`)
 * and then reads `state` synchronously. A command resolves once its change is stored.
 */
import type { Command } from '@runsheet/doc';
import { catalogRoots, Workspace } from '@runsheet/doc';
import {
  anyCommand,
  type CommandContext,
  type CommandInput,
  type CommandName,
  type CommandResult,
  type CommandValue,
  type DefinedCommand,
  type DomainState,
  type ReleaseId,
  releaseIdOf,
} from '@runsheet/domain';
import type { AuditedAs } from '../../relay/identity.ts';
import type { Relay } from '../../relay/relay.ts';
import type { Room } from '../../relay/room.ts';
import { parseRoomName } from '../../relay/room-name.ts';

interface HeldRelease {
  room: Room;
  release(): void;
  timer: NodeJS.Timeout | null;
}

export interface ServerWorkspaceOptions {
  /** Let a release room go this long after the API last used it. */
  releaseIdleMs: number;
}

export class ServerWorkspace {
  private current: { workspace: Workspace; room: Room; release(): void } | null = null;
  private opening: Promise<Workspace> | null = null;
  private readonly held = new Map<ReleaseId, HeldRelease>();
  private readonly openingReleases = new Map<ReleaseId, Promise<HeldRelease>>();
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
        if (changes.kind === 'catalog') this.catalogVersion++;
      });
      this.catalogVersion++;
      this.current = { workspace, room, release };
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

  /** The current state; after `ready()` (and `openRelease` for the releases read). */
  get state(): DomainState {
    return this.loaded.state;
  }

  /** SE-04: true when the catalog lists `releaseId`; a release room exists only for those. */
  async knowsRelease(releaseId: string): Promise<boolean> {
    await this.ready();
    return this.current !== null && catalogRoots(this.current.room.doc).releases.has(releaseId);
  }

  /**
   * Opens a release document (loading its room if needed) so that `state.releases[id]` is current.
   * Only for releases the catalog knows: an unknown id must not create a room.
   */
  async openRelease(releaseId: ReleaseId): Promise<void> {
    await this.ready();
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
    if (releaseId !== undefined) await this.openRelease(releaseId);
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
