/**
 * Keeps plain state in step with a Y.Doc incrementally. Local commands and remote updates take the same
 * path: `observeDeep` collects which ids a transaction touched, and `afterTransaction` (which Yjs fires
 * after every deep observer of that transaction) re-reads only those entities and emits one change set.
 * Cost is proportional to what changed, not to the document's size.
 *
 * The state objects are updated in place (the records), while every changed entity gets a new object,
 * so a consumer may keep an entity reference as a snapshot but must re-read records for the latest.
 */
import type {
  CatalogState,
  ClusterId,
  ContentRevision,
  CustomerId,
  Participant,
  ReleaseId,
  ReleaseState,
  RevId,
  StepId,
  TemplateId,
  WaveId,
} from '@runsheet/domain';
import * as Y from 'yjs';
import type { CatalogChanges, ReleaseChanges } from './changes.ts';
import { CATALOG_ROOTS, catalogRoots, releaseRoots } from './layout.ts';
import { StepLog } from './log/step-log.ts';
import { readCatalog, readEntity, readReleaseWith } from './read.ts';

type Listener<C> = (changes: C) => void;
/** The root types a mirror observes. */
type Root = Y.Map<unknown> | Y.Array<unknown>;
type DeepHandler = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => void;

abstract class Mirror<C> {
  private readonly listeners = new Set<Listener<C>>();
  private readonly cleanups: Array<() => void> = [];

  constructor(readonly doc: Y.Doc) {
    const after = (transaction: Y.Transaction) => {
      const changes = this.takeChanges(transaction);
      if (changes) for (const listener of [...this.listeners]) listener(changes);
    };
    doc.on('afterTransaction', after);
    this.cleanups.push(() => doc.off('afterTransaction', after));
  }

  subscribe(listener: Listener<C>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.listeners.clear();
  }

  protected watch(type: Root, handler: DeepHandler) {
    type.observeDeep(handler);
    this.cleanups.push(() => type.unobserveDeep(handler));
  }

  /** Ids a deep event on `root` touched: keys of the root itself, or the entity a nested map belongs to. */
  protected collectIds(root: Y.Map<unknown>, into: Set<string>) {
    this.watch(root, (events) => {
      for (const event of events) {
        if (event.target === root) {
          if (event instanceof Y.YMapEvent) for (const key of event.keysChanged) into.add(key);
        } else if (typeof event.path[0] === 'string') into.add(event.path[0]);
      }
    });
  }

  /** Applies what the transaction touched to the state; null when it touched no domain data. */
  protected abstract takeChanges(transaction: Y.Transaction): C | null;
}

export class CatalogMirror extends Mirror<CatalogChanges> {
  readonly state: CatalogState;
  private readonly dirty = {
    clusters: new Set<string>(),
    customers: new Set<string>(),
    releases: new Set<string>(),
  };

  /** `state`: the document already read (readCatalogInSlices); read here when not given. */
  constructor(doc: Y.Doc, state?: CatalogState) {
    super(doc);
    this.state = state ?? readCatalog(doc);
    const roots = catalogRoots(doc);
    for (const name of CATALOG_ROOTS) this.collectIds(roots[name], this.dirty[name]);
  }

  protected takeChanges(transaction: Y.Transaction): CatalogChanges | null {
    const { clusters, customers, releases } = this.dirty;
    if (clusters.size + customers.size + releases.size === 0) return null;
    const roots = catalogRoots(this.doc);
    const changes: CatalogChanges = {
      kind: 'catalog',
      clusters: [...clusters] as ClusterId[],
      customers: [...customers] as CustomerId[],
      releases: [...releases] as ReleaseId[],
      origin: transaction.origin,
      local: transaction.local,
    };
    for (const name of CATALOG_ROOTS) {
      const records = this.state[name] as Record<string, unknown>;
      for (const id of this.dirty[name]) refreshEntity(records, roots[name], id);
      this.dirty[name].clear();
    }
    return changes;
  }
}

export class ReleaseMirror extends Mirror<ReleaseChanges> {
  readonly state: ReleaseState;
  private readonly templates = new Set<string>();
  private readonly customSteps = new Set<string>();
  private readonly participants = new Set<string>();
  private readonly revisions = new Set<string>();
  private readonly waves = new Set<string>();
  private readonly waveMembers = new Set<string>();
  private readonly log: StepLog;

  /**
   * A mirror of a document that may be large, read in slices with `pause()` between them instead of in
   * one task (StepLog.readInSlices). Nothing may change the document until this resolves.
   */
  static async openInSlices(
    doc: Y.Doc,
    releaseId: ReleaseId,
    pause: () => Promise<void>,
    sliceMs?: number,
  ): Promise<ReleaseMirror> {
    const log = new StepLog(releaseRoots(doc), releaseId, { deferRead: true });
    await log.readInSlices(pause, sliceMs);
    return new ReleaseMirror(doc, releaseId, log);
  }

  /** `log`: the document's log, already read (openInSlices); read here when not given. */
  constructor(
    doc: Y.Doc,
    readonly releaseId: ReleaseId,
    log?: StepLog,
  ) {
    super(doc);
    const roots = releaseRoots(doc);
    this.log = log ?? new StepLog(roots, releaseId);
    this.state = readReleaseWith(doc, releaseId, this.log);
    this.collectIds(roots.templates, this.templates);
    this.collectIds(roots.customSteps, this.customSteps);
    this.collectIds(roots.participants, this.participants);
    this.collectIds(roots.revisions, this.revisions);
    this.collectIds(roots.waves, this.waves);
    this.collectIds(roots.waveMembers, this.waveMembers);
    // Strings first: an entry of this transaction may wait for one (observers run in no fixed order).
    this.watch(roots.refs, (events) => {
      for (const event of events) if (event instanceof Y.YMapEvent) this.log.onRefsChanged(event.keysChanged);
    });
    // The delta must be read inside the observer: Yjs refuses to compute it after the handler returns.
    // When transactions nest (one started while another's observers run), Yjs computes the outer delta
    // after the inner one integrated, so an inner insert can be reported twice; StepLog skips those.
    this.watch(roots.log, (events) => {
      for (const event of events) if (event.target === roots.log) this.log.onLogDelta(event.changes.delta);
    });
    this.watch(roots.stepState, (events) => {
      for (const event of events)
        if (event instanceof Y.YMapEvent) this.log.onLegacyStateChanged(event.keysChanged);
    });
    this.watch(roots.events, (events) => {
      for (const event of events)
        if (event.target === roots.events) this.log.onLegacyEventsDelta(event.changes.delta);
    });
  }

  protected takeChanges(transaction: Y.Transaction): ReleaseChanges | null {
    // Getting a root Y.Array for the first time runs an empty transaction, before `log` exists.
    if (!this.log) return null;
    const logChanges = this.log.take();
    const touched =
      this.templates.size +
      this.customSteps.size +
      this.participants.size +
      this.revisions.size +
      this.waves.size +
      this.waveMembers.size;
    if (touched === 0 && !logChanges) return null;
    const roots = releaseRoots(this.doc);
    const { state } = this;
    for (const id of this.templates) refreshEntity(state.templates, roots.templates, id);
    for (const id of this.customSteps) refreshEntity(state.customSteps, roots.customSteps, id);
    for (const id of this.participants) {
      const value = roots.participants.get(id);
      if (value === undefined) delete state.participants[id as CustomerId];
      else state.participants[id as CustomerId] = value as Participant;
    }
    for (const id of this.revisions) {
      const value = roots.revisions.get(id);
      if (value === undefined) delete state.revisions[id as RevId];
      else state.revisions[id as RevId] = value as ContentRevision;
    }
    for (const id of this.waves) refreshEntity(state.waves, roots.waves, id);
    for (const id of this.waveMembers) {
      const value = roots.waveMembers.get(id);
      if (typeof value === 'string') state.waveMembers[id as CustomerId] = value as WaveId;
      else delete state.waveMembers[id as CustomerId];
    }
    const changes: ReleaseChanges = {
      kind: 'release',
      releaseId: this.releaseId,
      templates: [...this.templates] as TemplateId[],
      customSteps: [...this.customSteps] as StepId[],
      participants: [...this.participants] as CustomerId[],
      revisions: [...this.revisions] as RevId[],
      stepStates: logChanges?.stepStates ?? [],
      events: logChanges?.events ?? [],
      waves: [...this.waves] as WaveId[],
      waveMembers: [...this.waveMembers] as CustomerId[],
      origin: transaction.origin,
      local: transaction.local,
    };
    this.templates.clear();
    this.customSteps.clear();
    this.participants.clear();
    this.revisions.clear();
    this.waves.clear();
    this.waveMembers.clear();
    return changes;
  }
}

function refreshEntity(records: Record<string, unknown>, collection: Y.Map<unknown>, id: string): void {
  const entity = readEntity(collection, id);
  if (entity === undefined) delete records[id];
  else records[id] = entity;
}
