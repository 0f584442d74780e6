/**
 * The plain-data reducer: apply a command's Change to a DomainState and get a new state (the old one is
 * not touched; untouched collections are shared). The in-memory store, the tests and the doc layer's
 * contract suite use it as the reference meaning of each op; the Yjs layer must read back the same data.
 *
 * Semantics, which the doc layer mirrors with Y.Maps of fields:
 * - put-* merges the given fields into the entity, creating it when missing. A field whose value is
 *   `undefined` is ignored (Yjs cannot store undefined); `null` is stored.
 * - put-step-state sets the given fields and then removes the `unset` ones.
 * - put-participant sets the whole (small, immutable) participant entry.
 * - put-revision adds an immutable revision; an id already there is left as it is.
 * - append-event appends to the release's events.
 * - put-wave merges fields like put-*; put-wave-member sets the customer's wave (last writer wins).
 * An op on a release whose document is not in the state creates it (a new release's document starts
 * empty).
 */
import type { Change, Op, ReleaseOp } from './change.ts';
import type { StepState } from './entities/step-state.ts';
import type { ReleaseId } from './ids.ts';
import { type CatalogState, type DomainState, emptyReleaseState, type ReleaseState } from './state.ts';

function merge<T extends object>(existing: T | undefined, fields: Partial<T>): T {
  const out = { ...(existing ?? {}) } as Record<string, unknown>;
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v;
  return out as T;
}

/** Copies a collection the first time a change writes to it, so one change costs one copy per collection. */
class Draft {
  catalog: CatalogState;
  releases: Record<ReleaseId, ReleaseState>;
  private copied = new Set<unknown>();

  constructor(state: DomainState) {
    this.catalog = state.catalog;
    this.releases = state.releases;
  }

  private once<T extends object>(value: T): T {
    if (this.copied.has(value)) return value;
    const copy = (Array.isArray(value) ? [...value] : { ...value }) as T;
    this.copied.add(copy);
    return copy;
  }

  catalogCollection<K extends keyof CatalogState>(key: K): CatalogState[K] {
    this.catalog = this.once(this.catalog);
    const coll = this.once(this.catalog[key]);
    this.catalog[key] = coll;
    return coll;
  }

  release(id: ReleaseId): ReleaseState {
    this.releases = this.once(this.releases);
    const release = this.once(this.releases[id] ?? emptyReleaseState(id));
    this.releases[id] = release;
    return release;
  }

  releaseCollection<K extends Exclude<keyof ReleaseState, 'releaseId'>>(
    id: ReleaseId,
    key: K,
  ): ReleaseState[K] {
    const release = this.release(id);
    const coll = this.once(release[key]);
    release[key] = coll;
    return coll;
  }
}

function applyReleaseOp(draft: Draft, op: ReleaseOp): void {
  switch (op.op) {
    case 'put-template': {
      const coll = draft.releaseCollection(op.releaseId, 'templates');
      coll[op.id] = merge(coll[op.id], op.fields);
      return;
    }
    case 'put-custom-step': {
      const coll = draft.releaseCollection(op.releaseId, 'customSteps');
      coll[op.id] = merge(coll[op.id], op.fields);
      return;
    }
    case 'put-participant': {
      draft.releaseCollection(op.releaseId, 'participants')[op.id] = op.value;
      return;
    }
    case 'put-step-state': {
      const coll = draft.releaseCollection(op.releaseId, 'stepStates');
      const next: StepState = merge(coll[op.id], op.fields);
      for (const field of op.unset ?? []) delete next[field];
      coll[op.id] = next;
      return;
    }
    case 'put-revision': {
      const coll = draft.releaseCollection(op.releaseId, 'revisions');
      if (!coll[op.id]) coll[op.id] = op.value;
      return;
    }
    case 'append-event': {
      draft.releaseCollection(op.releaseId, 'events').push(op.event);
      return;
    }
    case 'put-wave': {
      const coll = draft.releaseCollection(op.releaseId, 'waves');
      coll[op.id] = merge(coll[op.id], op.fields);
      return;
    }
    case 'put-wave-member': {
      draft.releaseCollection(op.releaseId, 'waveMembers')[op.id] = op.waveId;
      return;
    }
  }
}

function applyOp(draft: Draft, op: Op): void {
  if (op.doc === 'release') {
    applyReleaseOp(draft, op);
    return;
  }
  switch (op.op) {
    case 'put-cluster': {
      const coll = draft.catalogCollection('clusters');
      coll[op.id] = merge(coll[op.id], op.fields);
      return;
    }
    case 'put-customer': {
      const coll = draft.catalogCollection('customers');
      coll[op.id] = merge(coll[op.id], op.fields);
      return;
    }
    case 'put-release': {
      const coll = draft.catalogCollection('releases');
      coll[op.id] = merge(coll[op.id], op.fields);
      return;
    }
  }
}

export function applyChange(state: DomainState, change: Change): DomainState {
  if (change.ops.length === 0) return state;
  const draft = new Draft(state);
  for (const op of change.ops) applyOp(draft, op);
  return { catalog: draft.catalog, releases: draft.releases };
}
