/**
 * Workspace -> file. Pure and deterministic: the same state gives the same bytes (records sorted by
 * id, events in document order), so two backups of an unchanged workspace are equal files.
 */
import type { CustomerId, ReleaseId, RevId } from '../ids.ts';
import { compareStrings } from '../ordering.ts';
import type { DomainState } from '../state.ts';
import { appendAll } from './append.ts';
import {
  COLLECTIONS,
  type CollectionName,
  emptyWorkspaceData,
  WORKSPACE_FORMAT,
  WORKSPACE_VERSION,
  type WorkspaceData,
  type WorkspaceFile,
} from './format.ts';
import { KNOWN_FIELDS } from './records.ts';

export interface ExportOptions {
  exportedAt: string;
  generator?: string;
}

const byId = <T extends { id: string }>(a: T, b: T) => compareStrings(a.id, b.id);

const LEADING: Partial<Record<CollectionName, string[]>> = {
  participants: ['releaseId', 'customerId'],
  stepStates: ['releaseId', 'stepId'],
  waveMembers: ['releaseId', 'customerId'],
};

/**
 * One key order for every record: the owner ids first, the known fields in schema order, then unknown
 * fields by name. Documents hand fields back in whatever order they were written on whichever device,
 * so without this two exports of equal workspaces could differ in bytes.
 */
function canonical<T extends object>(collection: CollectionName, record: T): T {
  const src = record as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const known = KNOWN_FIELDS[collection];
  for (const key of LEADING[collection] ?? []) if (key in src) out[key] = src[key];
  for (const key of known) if (key in src && !(key in out)) out[key] = src[key];
  for (const key of Object.keys(src).sort(compareStrings)) if (!(key in out)) out[key] = src[key];
  return out as T;
}

function canonicalData(data: WorkspaceData): WorkspaceData {
  const out = emptyWorkspaceData();
  for (const c of COLLECTIONS) {
    (out as unknown as Record<CollectionName, object[]>)[c] = (data[c] as object[]).map((r) =>
      canonical(c, r),
    );
  }
  return out;
}

/**
 * Every record of the catalog and of the release documents in `state`. Release documents that are not
 * loaded are not in `state`: the caller opens them first (the app does, for a backup).
 */
export function workspaceData(state: DomainState): WorkspaceData {
  const data = emptyWorkspaceData();
  data.clusters = Object.values(state.catalog.clusters).sort(byId);
  data.customers = Object.values(state.catalog.customers).sort(byId);
  data.releases = Object.values(state.catalog.releases).sort(byId);
  const releaseIds = (Object.keys(state.releases) as ReleaseId[]).sort(compareStrings);
  for (const releaseId of releaseIds) {
    const doc = state.releases[releaseId];
    if (!doc) continue;
    for (const id of (Object.keys(doc.revisions) as RevId[]).sort(compareStrings)) {
      const rev = doc.revisions[id];
      if (rev) data.revisions.push({ id, releaseId, ...rev });
    }
    appendAll(data.templates, Object.values(doc.templates).sort(byId));
    for (const customerId of Object.keys(doc.participants).sort(compareStrings)) {
      const p = doc.participants[customerId as keyof typeof doc.participants];
      if (p) data.participants.push({ releaseId, ...p });
    }
    appendAll(data.customSteps, Object.values(doc.customSteps).sort(byId));
    for (const stepId of Object.keys(doc.stepStates).sort(compareStrings)) {
      const s = doc.stepStates[stepId as keyof typeof doc.stepStates];
      if (s) data.stepStates.push({ releaseId, stepId: stepId as keyof typeof doc.stepStates, ...s });
    }
    appendAll(data.events, doc.events);
    appendAll(data.waves, Object.values(doc.waves).sort(byId));
    for (const customerId of Object.keys(doc.waveMembers).sort(compareStrings)) {
      const waveId = doc.waveMembers[customerId as keyof typeof doc.waveMembers];
      if (waveId) data.waveMembers.push({ releaseId, customerId: customerId as CustomerId, waveId });
    }
  }
  return data;
}

export function exportWorkspace(state: DomainState, options: ExportOptions): WorkspaceFile {
  return {
    format: WORKSPACE_FORMAT,
    version: WORKSPACE_VERSION,
    exportedAt: options.exportedAt,
    generator: options.generator ?? 'Runsheet',
    ...canonicalData(workspaceData(state)),
  };
}

/** The file's text. Indented one space per level: readable in an editor, little overhead. */
export function serializeWorkspace(file: WorkspaceFile): string {
  return `${JSON.stringify(file, null, 1)}\n`;
}
