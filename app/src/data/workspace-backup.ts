/**
 * The app side of a full export and import: every release document must be loaded for both (an export
 * must hold every release; an import must compare against every release), then the domain does the work.
 * Releases opened here stay open: a view may have started using one meanwhile, and closing it under
 * that view would empty its state. They go when the tab does.
 */
import {
  backupFileName,
  exportWorkspace,
  type ImportFile,
  type ReleaseId,
  serializeWorkspace,
} from '@runsheet/domain';
import type { LocalData } from './local-data.ts';

/** Opens every release the catalog (and `extra`) names. */
export async function openAllReleases(local: LocalData, extra: Iterable<ReleaseId> = []): Promise<void> {
  const ids = new Set<ReleaseId>([...(Object.keys(local.state.catalog.releases) as ReleaseId[]), ...extra]);
  await Promise.all([...ids].map((id) => local.openRelease(id)));
}

export interface Backup {
  fileName: string;
  text: string;
}

/** The whole workspace as one JSON file (docs/EXPORT-FORMAT.md). */
export async function backupWorkspace(local: LocalData, now: Date = new Date()): Promise<Backup> {
  await openAllReleases(local);
  const file = exportWorkspace(local.state, { exportedAt: now.toISOString(), generator: 'Runsheet PWA' });
  return { fileName: backupFileName(now), text: serializeWorkspace(file) };
}

/** The release ids an import file touches, so their documents are loaded before the preview. */
export function releasesOf(file: ImportFile): ReleaseId[] {
  const ids = new Set<ReleaseId>();
  for (const r of file.data.releases) ids.add(r.id);
  for (const t of file.data.templates) ids.add(t.releaseId);
  for (const e of file.data.events) ids.add(e.releaseId);
  return [...ids];
}
