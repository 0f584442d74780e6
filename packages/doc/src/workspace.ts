/**
 * The one write path: a workspace holds the catalog document and the open release documents, keeps
 * their plain DomainState current through mirrors, and runs domain commands against that state. A
 * command's change is applied as one transaction per document; the mirrors then update the state and
 * notify subscribers (the projection, persistence), exactly as they do for remote updates.
 */
import type {
  CatalogState,
  Change,
  CommandContext,
  CommandResult,
  DomainState,
  ReleaseId,
} from '@runsheet/domain';
import * as Y from 'yjs';
import { applyChange } from './apply.ts';
import type { ChangeListener } from './changes.ts';
import { CATALOG, type DocName } from './layout.ts';
import { CatalogMirror, ReleaseMirror } from './mirror.ts';

/** A domain command: validates against the current state and returns a change or a reason code. */
export type Command<I, T> = (state: DomainState, input: I, ctx: CommandContext) => CommandResult<T>;

export interface WorkspaceOptions {
  /** The catalog document, possibly already loaded from storage. */
  catalog?: Y.Doc;
  /** The catalog document's state, already read from it (readCatalogInSlices); read here when not given. */
  catalogState?: CatalogState;
  /** Makes the Y.Doc of a document opened on demand. Defaults to an empty `new Y.Doc()`. */
  createDoc?: (name: DocName) => Y.Doc;
  /**
   * Whether closing a release destroys its Y.Doc (default true). The server's workspace borrows the
   * relay's room documents, which stay in use by connected clients after the workspace lets go.
   */
  destroyDocsOnClose?: boolean;
}

export type DocOpenListener = (name: DocName, doc: Y.Doc) => void;

export class Workspace {
  readonly catalog: Y.Doc;
  readonly state: DomainState;
  private readonly catalogMirror: CatalogMirror;
  private readonly releases = new Map<ReleaseId, ReleaseMirror>();
  private readonly listeners = new Set<ChangeListener>();
  private readonly openListeners = new Set<DocOpenListener>();
  private readonly createDoc: (name: DocName) => Y.Doc;
  private readonly destroyDocsOnClose: boolean;

  constructor(options: WorkspaceOptions = {}) {
    this.createDoc = options.createDoc ?? (() => new Y.Doc());
    this.destroyDocsOnClose = options.destroyDocsOnClose ?? true;
    this.catalog = options.catalog ?? this.createDoc(CATALOG);
    this.catalogMirror = new CatalogMirror(this.catalog, options.catalogState);
    this.catalogMirror.subscribe((changes) => this.emit(changes));
    this.state = { catalog: this.catalogMirror.state, releases: {} };
  }

  /**
   * Runs a domain command against the current state and, when it succeeds, applies its change. The
   * state (and every subscriber) reflects the change by the time this returns.
   */
  run<I, T>(command: Command<I, T>, input: I, ctx: CommandContext): CommandResult<T> {
    const result = command(this.state, input, ctx);
    if (result.ok) this.apply(result.change);
    return result;
  }

  /** Applies a change as one transaction per document. `origin` defaults to this workspace. */
  apply(change: Change, origin: unknown = this): void {
    applyChange((name) => this.docFor(name), change, origin);
  }

  /** The open document of that name, if any. */
  doc(name: DocName): Y.Doc | undefined {
    return name === CATALOG ? this.catalog : this.releases.get(name)?.doc;
  }

  /** Every open document, catalog first. */
  docs(): Array<[DocName, Y.Doc]> {
    const out: Array<[DocName, Y.Doc]> = [[CATALOG, this.catalog]];
    for (const [id, mirror] of this.releases) out.push([id, mirror.doc]);
    return out;
  }

  isOpen(releaseId: ReleaseId): boolean {
    return this.releases.has(releaseId);
  }

  /**
   * Opens a release document: `doc` when given (e.g. already loaded from storage), else a new one from
   * `createDoc`. Its state joins `state.releases` and its changes reach subscribers from now on.
   * Opening an open release returns its document.
   */
  openRelease(releaseId: ReleaseId, doc?: Y.Doc): Y.Doc {
    const open = this.releases.get(releaseId);
    if (open) return open.doc;
    return this.adoptRelease(new ReleaseMirror(doc ?? this.createDoc(releaseId), releaseId));
  }

  /**
   * Opens a release whose mirror was built outside (ReleaseMirror.openInSlices, for a large document).
   * When the release is open already, the given mirror is let go and the open document returned.
   */
  adoptRelease(mirror: ReleaseMirror): Y.Doc {
    const { releaseId } = mirror;
    const open = this.releases.get(releaseId);
    if (open) {
      if (open !== mirror) mirror.destroy();
      return open.doc;
    }
    mirror.subscribe((changes) => this.emit(changes));
    this.releases.set(releaseId, mirror);
    this.state.releases[releaseId] = mirror.state;
    for (const listener of [...this.openListeners]) listener(releaseId, mirror.doc);
    return mirror.doc;
  }

  /** Closes a release document (archived releases load on demand); the Y.Doc is destroyed. */
  closeRelease(releaseId: ReleaseId): void {
    const mirror = this.releases.get(releaseId);
    if (!mirror) return;
    mirror.destroy();
    if (this.destroyDocsOnClose) mirror.doc.destroy();
    this.releases.delete(releaseId);
    delete this.state.releases[releaseId];
  }

  /** Listens to every change set of every open document, local and remote. */
  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Listens to documents opened from now on (persistence and sync attach to them here). */
  onDocOpen(listener: DocOpenListener): () => void {
    this.openListeners.add(listener);
    return () => this.openListeners.delete(listener);
  }

  destroy(): void {
    for (const id of [...this.releases.keys()]) this.closeRelease(id);
    this.catalogMirror.destroy();
    this.listeners.clear();
    this.openListeners.clear();
  }

  private docFor(name: DocName): Y.Doc {
    return name === CATALOG ? this.catalog : this.openRelease(name);
  }

  private emit(changes: Parameters<ChangeListener>[0]): void {
    for (const listener of [...this.listeners]) listener(changes);
  }
}
