/**
 * The Yjs layout of Runsheet's documents, in one place: root type names, key formats and the schema
 * version. Everything else in this package goes through these helpers, never through raw names.
 *
 * Catalog document: root Y.Maps `clusters`, `customers`, `releases`, each id -> Y.Map of fields, so two
 * devices editing different fields of one entity both keep their edit after a merge.
 *
 * Release document (schema 3): root Y.Maps `templates` and `customSteps` (id -> Y.Map of fields);
 * `participants` (customerId -> plain Participant; written once at activation, never edited field by
 * field); `revisions` (revId -> plain ContentRevision; written once, never edited: domain ST-09);
 * `log`, a Y.Array of compact entries, each one history event and the step-state change that came
 * with it (log/entry-codec.ts): the history is the log, and a step's state is the fold of its entries
 * in log order (ST-13); `refs` (short key -> long string: ids, actors, variable values) that entries
 * refer to (log/refs.ts, ST-14); `waves` (id -> Y.Map of fields, like templates) and `waveMembers`
 * (customerId -> waveId, a plain value: one entry per customer, so a merge never puts a customer in two
 * waves); `meta` {schemaVersion, releaseId}.
 *
 * Older documents open as they are, with no migration (ST-11): schema 2 kept step state in ONE flat
 * Y.Map `stepState` keyed `${stepId}|${field}` and history in a Y.Array `events` of plain events
 * without their derivable fields (event-codec.ts); schema 1 kept copies of content where schema 2 keeps
 * revision ids. Both roots are still read: a step's state is its `stepState` fields with its log
 * entries folded on top, and the history is `events` followed by the log. Nothing writes them anymore.
 */
import type { ReleaseId, StepId, StepStateField } from '@runsheet/domain';
import type * as Y from 'yjs';

export const SCHEMA_VERSION = 3;

/** A document's name: also its room name on the relay and its key in local storage. */
export type DocName = 'catalog' | ReleaseId;

export const CATALOG = 'catalog' as const;

export const CATALOG_ROOTS = ['clusters', 'customers', 'releases'] as const;
export type CatalogRoot = (typeof CATALOG_ROOTS)[number];

export interface CatalogRoots {
  clusters: Y.Map<unknown>;
  customers: Y.Map<unknown>;
  releases: Y.Map<unknown>;
}

export function catalogRoots(doc: Y.Doc): CatalogRoots {
  return {
    clusters: doc.getMap('clusters'),
    customers: doc.getMap('customers'),
    releases: doc.getMap('releases'),
  };
}

export interface ReleaseRoots {
  templates: Y.Map<unknown>;
  customSteps: Y.Map<unknown>;
  participants: Y.Map<unknown>;
  revisions: Y.Map<unknown>;
  log: Y.Array<unknown>;
  refs: Y.Map<unknown>;
  meta: Y.Map<unknown>;
  /** Schema 1 and 2 (read only). */
  stepState: Y.Map<unknown>;
  events: Y.Array<unknown>;
  waves: Y.Map<unknown>;
  waveMembers: Y.Map<unknown>;
}

export function releaseRoots(doc: Y.Doc): ReleaseRoots {
  return {
    templates: doc.getMap('templates'),
    customSteps: doc.getMap('customSteps'),
    participants: doc.getMap('participants'),
    revisions: doc.getMap('revisions'),
    log: doc.getArray('log'),
    refs: doc.getMap('refs'),
    meta: doc.getMap('meta'),
    stepState: doc.getMap('stepState'),
    events: doc.getArray('events'),
    waves: doc.getMap('waves'),
    waveMembers: doc.getMap('waveMembers'),
  };
}

/**
 * Schema 1 and 2 kept step state as one flat map of `${stepId}|${field}` keys (a nested Y.Map per
 * step, created lazily, would lose one device's fields when two created it while apart). Read only.
 */
export function stepStateKey(stepId: StepId, field: StepStateField): string {
  return `${stepId}|${field}`;
}

export function parseStepStateKey(key: string): { stepId: StepId; field: StepStateField } | null {
  const bar = key.lastIndexOf('|');
  if (bar <= 0) return null;
  return { stepId: key.slice(0, bar) as StepId, field: key.slice(bar + 1) as StepStateField };
}

/** Whether a document name names the catalog or a release. */
export function isReleaseDocName(name: DocName): name is ReleaseId {
  return name !== CATALOG;
}
