/**
 * Applies a domain Change to Y.Docs: the ops of each document run in ONE transaction on that document,
 * so a remote peer, another tab and the local projection see a command's effect whole or not at all.
 */
import type { CatalogOp, Change, Op, ReleaseId, ReleaseOp } from '@runsheet/domain';
import * as Y from 'yjs';
import {
  CATALOG,
  catalogRoots,
  type DocName,
  type ReleaseRoots,
  releaseRoots,
  SCHEMA_VERSION,
} from './layout.ts';
import { encodeEntry, type LogItem } from './log/entry-codec.ts';
import { RefWriter } from './log/refs.ts';

/** Resolves a document name to its Y.Doc, creating (and opening) a release document on first use. */
export type ResolveDoc = (name: DocName) => Y.Doc;

/** Splits a change into the ops of each document, keeping their order within a document. */
export function groupByDocument(change: Change): Map<DocName, Op[]> {
  const groups = new Map<DocName, Op[]>();
  for (const op of change.ops) {
    const name: DocName = op.doc === 'catalog' ? CATALOG : op.releaseId;
    let ops = groups.get(name);
    if (!ops) {
      ops = [];
      groups.set(name, ops);
    }
    ops.push(op);
  }
  return groups;
}

export function applyChange(docs: ResolveDoc, change: Change, origin: unknown): void {
  for (const [name, ops] of groupByDocument(change)) {
    const doc = docs(name);
    doc.transact(() => {
      if (name === CATALOG) for (const op of ops) applyCatalogOp(doc, op as CatalogOp);
      else applyReleaseOps(doc, ops as ReleaseOp[], name);
    }, origin);
  }
}

/**
 * Sets the given fields of entity `id`, creating its field map when missing. Only the fields named
 * change, so a concurrent edit of other fields on another device survives the merge. Undefined values
 * are skipped: Yjs cannot hold them and the domain uses them to mean "not given".
 */
function putFields(collection: Y.Map<unknown>, id: string, fields: object): void {
  const existing = collection.get(id);
  let entity: Y.Map<unknown>;
  if (existing instanceof Y.Map) entity = existing;
  else {
    entity = new Y.Map<unknown>();
    collection.set(id, entity);
  }
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    // Skipping unchanged values keeps updates small and avoids turning an idempotent write into a
    // concurrent overwrite of someone else's newer value.
    if (entity.has(key) && sameValue(entity.get(key), value)) continue;
    entity.set(key, copyValue(value));
  }
}

function applyCatalogOp(doc: Y.Doc, op: CatalogOp): void {
  const roots = catalogRoots(doc);
  switch (op.op) {
    case 'put-cluster':
      putFields(roots.clusters, op.id, op.fields);
      return;
    case 'put-customer':
      putFields(roots.customers, op.id, op.fields);
      return;
    case 'put-release':
      putFields(roots.releases, op.id, op.fields);
      return;
  }
}

/**
 * Entity ops go to their maps; step-state ops and events become log entries (ST-13), pushed in ONE
 * insert after the strings they refer to are interned: Yjs then merges the entries of consecutive
 * transactions of this client into one item, so an entry costs its content and almost nothing else.
 */
function applyReleaseOps(doc: Y.Doc, ops: readonly ReleaseOp[], releaseId: ReleaseId): void {
  const roots = releaseRoots(doc);
  ensureMeta(roots, releaseId);
  const items: LogItem[] = [];
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i] as ReleaseOp;
    if (op.op === 'put-step-state') {
      const next = ops[i + 1];
      const state = { id: op.id, fields: op.fields, unset: op.unset };
      // A command's state change and the event that says why are one entry (the usual pair).
      if (next?.op === 'append-event' && next.event.stepId === op.id) {
        items.push({ state, event: next.event });
        i++;
      } else items.push({ state, event: null });
    } else if (op.op === 'append-event') items.push({ state: null, event: op.event });
    else applyEntityOp(roots, op);
  }
  if (items.length === 0) return;
  const refs = refWriterOf(doc, roots.refs);
  const entries = items.map((item) => encodeEntry(item, refs, releaseId));
  roots.log.push(entries);
}

const refWriters = new WeakMap<Y.Doc, RefWriter>();

function refWriterOf(doc: Y.Doc, refs: Y.Map<unknown>): RefWriter {
  let writer = refWriters.get(doc);
  if (!writer) {
    writer = new RefWriter(refs);
    refWriters.set(doc, writer);
  }
  return writer;
}

function applyEntityOp(
  roots: ReleaseRoots,
  op: Exclude<ReleaseOp, { op: 'put-step-state' } | { op: 'append-event' }>,
): void {
  switch (op.op) {
    case 'put-template':
      putFields(roots.templates, op.id, op.fields);
      return;
    case 'put-custom-step':
      putFields(roots.customSteps, op.id, op.fields);
      return;
    case 'put-participant':
      roots.participants.set(op.id, { ...op.value });
      return;
    case 'put-revision':
      // Immutable: a revision is written once. Ids are random, so no other device writes this one.
      if (!roots.revisions.has(op.id)) roots.revisions.set(op.id, copyValue(op.value));
      return;
    case 'put-wave':
      putFields(roots.waves, op.id, op.fields);
      return;
    case 'put-wave-member':
      if (roots.waveMembers.get(op.id) !== op.waveId) roots.waveMembers.set(op.id, op.waveId);
      return;
  }
}

function ensureMeta(roots: ReleaseRoots, releaseId: ReleaseId): void {
  if (roots.meta.get('releaseId') !== releaseId) roots.meta.set('releaseId', releaseId);
  if (roots.meta.get('schemaVersion') !== SCHEMA_VERSION) roots.meta.set('schemaVersion', SCHEMA_VERSION);
}

/**
 * Documents hold their own copies: a caller that later mutates its object must not alter the doc.
 * Field values are JSON by the schemas, so a JSON round trip is a faithful copy.
 */
function copyValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  return JSON.parse(JSON.stringify(value));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
