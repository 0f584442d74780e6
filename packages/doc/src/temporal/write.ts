/**
 * Writing the `temporal` document: the server's bridge only. Each function is one transaction and writes
 * only what differs from the document, so an unchanged poll sends nothing to anyone.
 */
import * as Y from 'yjs';
import { TEMPORAL_SCHEMA_VERSION, temporalRoots } from './layout.ts';
import type { TemporalEntity, TemporalMirrorStatus, TemporalReleaseRecord } from './types.ts';

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export function writeMirrorStatus(doc: Y.Doc, status: TemporalMirrorStatus, origin?: unknown): void {
  const { meta } = temporalRoots(doc);
  doc.transact(() => {
    if (meta.get('schemaVersion') !== TEMPORAL_SCHEMA_VERSION)
      meta.set('schemaVersion', TEMPORAL_SCHEMA_VERSION);
    for (const [key, value] of Object.entries(status)) {
      if (!same(meta.get(key), value)) meta.set(key, value);
    }
  }, origin);
}

/**
 * Writes one workflow's record and, when given, its whole hierarchy: entities that changed are set,
 * entities that are gone are deleted. `entities` undefined keeps the hierarchy as it is (a failed query).
 */
export function writeTemporalRelease(
  doc: Y.Doc,
  record: TemporalReleaseRecord,
  entities: readonly TemporalEntity[] | undefined,
  origin?: unknown,
): void {
  const roots = temporalRoots(doc);
  doc.transact(() => {
    if (!same(roots.releases.get(record.workflowId), record))
      roots.releases.set(record.workflowId, { ...record });
    if (entities === undefined) return;
    let map = roots.entities.get(record.workflowId);
    if (!(map instanceof Y.Map)) {
      map = new Y.Map<TemporalEntity>();
      roots.entities.set(record.workflowId, map);
    }
    const seen = new Set<string>();
    for (const entity of entities) {
      seen.add(entity.id);
      if (!same(map.get(entity.id), entity)) map.set(entity.id, { ...entity });
    }
    for (const id of [...map.keys()]) if (!seen.has(id)) map.delete(id);
  }, origin);
}

/** Removes workflows Temporal no longer lists (deleted, or past the namespace's retention). */
export function removeTemporalReleases(doc: Y.Doc, workflowIds: readonly string[], origin?: unknown): void {
  if (workflowIds.length === 0) return;
  const roots = temporalRoots(doc);
  doc.transact(() => {
    for (const id of workflowIds) {
      roots.releases.delete(id);
      roots.entities.delete(id);
    }
  }, origin);
}
