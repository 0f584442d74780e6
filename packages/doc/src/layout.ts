/**
 * The Yjs layout of Runsheet's documents, in one place: root type names, key formats and the schema
 * version. Everything else in this package goes through these helpers, never through raw names.
 *
 * Catalog document: root Y.Maps `clusters`, `customers`, `releases`, each id -> Y.Map of fields, so two
 * devices editing different fields of one entity both keep their edit after a merge.
 *
 * Release document: root Y.Maps `templates` and `customSteps` (id -> Y.Map of fields); `participants`
 * (customerId -> plain Participant; written once at activation, never edited field by field);
 * `revisions` (revId -> plain ContentRevision; written once, never edited: domain ST-09); `stepState`,
 * ONE flat Y.Map keyed `${stepId}|${field}` (see `stepStateKey`); `events`, a Y.Array of plain
 * HistoryEvent objects stored without the fields the document already says (event-codec.ts); `waves`
 * (id -> Y.Map of fields, like templates) and `waveMembers` (customerId -> waveId, a plain value: one
 * entry per customer, so a merge never puts a customer in two waves); `meta` {schemaVersion, releaseId}.
 * `waves` and `waveMembers` were added without a schema change: a document without them has no waves,
 * and an older app ignores them.
 *
 * Schema 2 added `revisions`: step states keep revision ids (`snapshotRev`, `overrideRev`,
 * `execution`) where schema 1 kept copies (`snapshot*`, `executedContent`, `executedAt`, `executedBy`,
 * `overrideContent`, `overrideName`), and events lost their derivable fields. Schema 1 documents need no
 * migration: the domain still reads those fields (ST-11) and replaces them step by step as steps
 * change, and whole events decode as they are.
 */
import type { ReleaseId, StepId, StepStateField } from '@runsheet/domain';
import type * as Y from 'yjs';

export const SCHEMA_VERSION = 2;

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
  stepState: Y.Map<unknown>;
  events: Y.Array<unknown>;
  waves: Y.Map<unknown>;
  waveMembers: Y.Map<unknown>;
  meta: Y.Map<unknown>;
}

export function releaseRoots(doc: Y.Doc): ReleaseRoots {
  return {
    templates: doc.getMap('templates'),
    customSteps: doc.getMap('customSteps'),
    participants: doc.getMap('participants'),
    revisions: doc.getMap('revisions'),
    stepState: doc.getMap('stepState'),
    events: doc.getArray('events'),
    waves: doc.getMap('waves'),
    waveMembers: doc.getMap('waveMembers'),
    meta: doc.getMap('meta'),
  };
}

/**
 * Step state is one flat map of `${stepId}|${field}` keys. A nested Y.Map per step would be created
 * lazily on the first change of that step; two devices doing so while apart would each create their own
 * map under the same key and the merge would keep only one of them, losing the other's fields.
 * Flat keys merge field by field with no creation race. Ids never contain `|`.
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
