/**
 * The Yjs layout of the `temporal` document (room `temporal` on the relay):
 * - `meta`: Y.Map of TemporalMirrorStatus fields, plus `schemaVersion`;
 * - `releases`: Y.Map workflowId -> plain TemporalReleaseRecord (replaced whole when it changes);
 * - `entities`: Y.Map workflowId -> Y.Map entityId -> plain TemporalEntity.
 * Only the server writes it, so nested maps have no creation race (unlike the release documents).
 * Entities are set only when they change: one state change is one small update to every device.
 */
import * as Y from 'yjs';
import type { TemporalEntity, TemporalMirrorStatus, TemporalReleaseRecord } from './types.ts';

export const TEMPORAL_DOC = 'temporal' as const;
export const TEMPORAL_SCHEMA_VERSION = 1;

export interface TemporalRoots {
  meta: Y.Map<unknown>;
  releases: Y.Map<TemporalReleaseRecord>;
  entities: Y.Map<Y.Map<TemporalEntity>>;
}

export function temporalRoots(doc: Y.Doc): TemporalRoots {
  return {
    meta: doc.getMap('meta'),
    releases: doc.getMap('releases') as Y.Map<TemporalReleaseRecord>,
    entities: doc.getMap('entities') as Y.Map<Y.Map<TemporalEntity>>,
  };
}

const EMPTY_STATUS: TemporalMirrorStatus = {
  lastSuccessAt: null,
  lastAttemptAt: null,
  error: null,
  pollMs: 0,
  namespace: null,
  workflowType: null,
};

/** The mirror's status; defaults for a document the server never wrote. */
export function readMirrorStatus(doc: Y.Doc): TemporalMirrorStatus {
  const meta = temporalRoots(doc).meta;
  const out = { ...EMPTY_STATUS };
  for (const key of Object.keys(EMPTY_STATUS) as Array<keyof TemporalMirrorStatus>) {
    const value = meta.get(key);
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** Every release workflow, newest start first. */
export function readTemporalReleases(doc: Y.Doc): TemporalReleaseRecord[] {
  return [...temporalRoots(doc).releases.values()].sort(compareReleases);
}

export function compareReleases(a: TemporalReleaseRecord, b: TemporalReleaseRecord): number {
  return (b.startTime ?? '').localeCompare(a.startTime ?? '') || a.workflowId.localeCompare(b.workflowId);
}

/**
 * The release with entity id `releaseId`. Temporal runs one workflow per release (spec assumption 4); if
 * two claim the same id anyway, the most recently started wins.
 */
export function findTemporalRelease(doc: Y.Doc, releaseId: string): TemporalReleaseRecord | undefined {
  return readTemporalReleases(doc).find((r) => r.id === releaseId);
}

/** The entities of one workflow's hierarchy (unordered), or an empty list. */
export function readTemporalEntities(doc: Y.Doc, workflowId: string): TemporalEntity[] {
  const map = temporalRoots(doc).entities.get(workflowId);
  return map instanceof Y.Map ? [...map.values()] : [];
}

/** The Y.Map of one workflow's entities, for observers that follow one release live. */
export function temporalEntityMap(doc: Y.Doc, workflowId: string): Y.Map<TemporalEntity> | undefined {
  const map = temporalRoots(doc).entities.get(workflowId);
  return map instanceof Y.Map ? map : undefined;
}
