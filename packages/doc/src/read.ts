/**
 * Reads documents back as plain data. The entity maps hold exactly the domain's fields, so a read is a
 * `toJSON` per entity; values are the documents' own objects and must be treated as read-only. Events
 * are stored without what the document already says and are filled back (event-codec.ts).
 */
import type {
  CatalogState,
  ContentRevision,
  CustomerId,
  Participant,
  ReleaseId,
  ReleaseState,
  RevId,
  StepId,
  StepState,
  WaveId,
} from '@runsheet/domain';
import { emptyReleaseState } from '@runsheet/domain';
import * as Y from 'yjs';
import { decodeEvent } from './event-codec.ts';
import { catalogRoots, parseStepStateKey, releaseRoots } from './layout.ts';

export function readCatalog(doc: Y.Doc): CatalogState {
  const roots = catalogRoots(doc);
  return {
    clusters: readEntities(roots.clusters) as CatalogState['clusters'],
    customers: readEntities(roots.customers) as CatalogState['customers'],
    releases: readEntities(roots.releases) as CatalogState['releases'],
  };
}

export function readRelease(doc: Y.Doc, releaseId: ReleaseId): ReleaseState {
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
  state.stepStates = readStepStates(roots.stepState);
  state.events = roots.events.map((value) => decodeEvent(value, releaseId));
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

function readStepStates(flat: Y.Map<unknown>): Record<StepId, StepState> {
  const out: Record<StepId, StepState> = {};
  for (const [key, value] of flat.entries()) {
    const parsed = parseStepStateKey(key);
    if (!parsed) continue;
    const state = out[parsed.stepId] ?? {};
    (state as Record<string, unknown>)[parsed.field] = value;
    out[parsed.stepId] = state;
  }
  return out;
}
