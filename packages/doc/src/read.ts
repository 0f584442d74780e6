/**
 * Reads documents back as plain data. The entity maps hold exactly the domain's fields, so a read is a
 * `toJSON` per entity; values are the documents' own objects and must be treated as read-only. Step
 * states and history come from the release's log (and the roots of older schemas): log/step-log.ts.
 */
import type {
  CatalogState,
  ContentRevision,
  CustomerId,
  Participant,
  ReleaseId,
  ReleaseState,
  RevId,
  WaveId,
} from '@runsheet/domain';
import { emptyReleaseState } from '@runsheet/domain';
import * as Y from 'yjs';
import { catalogRoots, releaseRoots } from './layout.ts';
import { StepLog } from './log/step-log.ts';

export function readCatalog(doc: Y.Doc): CatalogState {
  const roots = catalogRoots(doc);
  return {
    clusters: readEntities(roots.clusters) as CatalogState['clusters'],
    customers: readEntities(roots.customers) as CatalogState['customers'],
    releases: readEntities(roots.releases) as CatalogState['releases'],
  };
}

/**
 * `readCatalog` in slices of about `sliceMs` of work with `pause()` between them: a catalog of 1,000
 * customers is read in one task of about 40 ms on a quiet machine, several hundred on a loaded one, and
 * every page reads it before its first paint. Gives exactly what `readCatalog` gives; the document must
 * not change until it resolves (LocalData.open reads it before anything observes or edits it).
 */
export async function readCatalogInSlices(
  doc: Y.Doc,
  pause: () => Promise<void>,
  sliceMs = 40,
): Promise<CatalogState> {
  const roots = catalogRoots(doc);
  const state: CatalogState = { clusters: {}, customers: {}, releases: {} };
  let deadline = Date.now() + sliceMs;
  for (const name of ['clusters', 'customers', 'releases'] as const) {
    const out = state[name] as Record<string, unknown>;
    let n = 0;
    for (const [id, entity] of roots[name].entries()) {
      if (entity instanceof Y.Map) out[id] = entity.toJSON();
      // The clock is read every 64 entities: reading it per entity would cost more than the entity.
      if (++n % 64 === 0 && Date.now() >= deadline) {
        await pause();
        deadline = Date.now() + sliceMs;
      }
    }
  }
  return state;
}

export function readRelease(doc: Y.Doc, releaseId: ReleaseId): ReleaseState {
  return readReleaseWith(doc, releaseId, new StepLog(releaseRoots(doc), releaseId));
}

/** The release's state with its step states and history from `log` (the same objects, kept current). */
export function readReleaseWith(doc: Y.Doc, releaseId: ReleaseId, log: StepLog): ReleaseState {
  const roots = releaseRoots(doc);
  const state = emptyReleaseState(releaseId);
  state.templates = readEntities(roots.templates) as ReleaseState['templates'];
  state.customSteps = readEntities(roots.customSteps) as ReleaseState['customSteps'];
  for (const [id, value] of roots.participants.entries()) {
    state.participants[id as CustomerId] = value as Participant;
  }
  for (const [id, value] of roots.revisions.entries()) {
    state.revisions[id as RevId] = value as ContentRevision;
  }
  state.stepStates = log.stepStates;
  state.events = log.events;
  state.waves = readEntities(roots.waves) as ReleaseState['waves'];
  for (const [id, value] of roots.waveMembers.entries()) {
    if (typeof value === 'string') state.waveMembers[id as CustomerId] = value as WaveId;
  }
  return state;
}

/** The entity stored under `id` in a collection of field maps, or undefined when there is none. */
export function readEntity(collection: Y.Map<unknown>, id: string): Record<string, unknown> | undefined {
  const entity = collection.get(id);
  return entity instanceof Y.Map ? (entity.toJSON() as Record<string, unknown>) : undefined;
}

function readEntities(collection: Y.Map<unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, entity] of collection.entries()) {
    if (entity instanceof Y.Map) out[id] = entity.toJSON();
  }
  return out;
}
