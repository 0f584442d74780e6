/**
 * The Planner of an import: collects the ops for the catalog and each release document, and the plan to
 * preview, one entity at a time. Its own module so the record-by-record rules (import-planner.ts) and
 * the revision rules (import-revisions.ts) both use it without importing each other.
 */
import type { CatalogOp, ReleaseOp } from '../change.ts';
import type { ReleaseId } from '../ids.ts';
import type { DomainState } from '../state.ts';
import { COLLECTIONS, type CollectionName } from './format.ts';
import type { CollectionCounts, FieldChange, ImportMode, ImportPlan } from './import-plan.ts';
import { sameJson } from './json-safety.ts';
import type { Names } from './labels.ts';

export type Rec = Record<string, unknown>;

function zeroCounts(): Record<CollectionName, CollectionCounts> {
  const out = {} as Record<CollectionName, CollectionCounts>;
  for (const c of COLLECTIONS) out[c] = { added: 0, changed: 0, unchanged: 0, keptNewer: 0 };
  return out;
}

/** The fields of `incoming` that differ from `existing`. */
export function differingFields(existing: Rec, incoming: Rec): FieldChange[] {
  const out: FieldChange[] = [];
  for (const [field, to] of Object.entries(incoming)) {
    if (!sameJson(existing[field], to)) out.push({ field, from: existing[field], to });
  }
  return out;
}

export const isNewer = (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && a > b;

export class Planner {
  readonly plan: ImportPlan;
  readonly catalogOps: CatalogOp[] = [];
  readonly releaseOps = new Map<ReleaseId, ReleaseOp[]>();

  constructor(
    private readonly state: DomainState,
    readonly names: Names,
    mode: ImportMode,
  ) {
    this.plan = {
      mode,
      counts: zeroCounts(),
      added: [],
      changed: [],
      keptNewer: [],
      conflicts: [],
      problems: [],
      totalProblems: 0,
    };
  }

  releaseOp(op: ReleaseOp): void {
    const list = this.releaseOps.get(op.releaseId) ?? [];
    list.push(op);
    this.releaseOps.set(op.releaseId, list);
  }

  /**
   * One entity with fields: added, changed (only differing fields written), unchanged, or kept because
   * the workspace's copy is newer. Returns the fields to write, or null.
   */
  entity(
    collection: CollectionName,
    id: string,
    label: string,
    existing: Rec | undefined,
    incoming: Rec,
  ): Rec | null {
    const counts = this.plan.counts[collection];
    if (!existing) {
      counts.added++;
      this.plan.added.push({ collection, id, label });
      return incoming;
    }
    const fields = differingFields(existing, incoming);
    if (fields.length === 0) {
      counts.unchanged++;
      return null;
    }
    if (isNewer(existing.updatedAt, incoming.updatedAt)) {
      counts.keptNewer++;
      this.plan.keptNewer.push({ collection, id, label });
      return null;
    }
    counts.changed++;
    this.plan.changed.push({ collection, id, label, fields });
    return Object.fromEntries(fields.map((f) => [f.field, f.to]));
  }

  doc(releaseId: ReleaseId) {
    return this.state.releases[releaseId];
  }
}
