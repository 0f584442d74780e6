/**
 * Frozen releases on this device (ST-15, FZ-01..FZ-05): an archived release is kept as one immutable
 * snapshot (packages/doc `freezeRelease`), and views read it instead of applying the release's Yjs
 * document. The document itself stays stored: it carries the merge history that other devices' copies
 * and late events meet, so unarchiving, or a late event, continues on it (FZ-03, FZ-04).
 */
import { FrozenReleaseError, freezeRelease, frozenHash, thawParts } from '@runsheet/doc';
import type { ReleaseId, ReleaseState } from '@runsheet/domain';
import type { FrozenRow, RunsheetDB } from './db.ts';

export type { FrozenRow } from './db.ts';

/** The snapshot of a release as its document's mirror holds it now. */
export function frozenRow(release: ReleaseState): FrozenRow {
  const bytes = freezeRelease(release);
  return { releaseId: release.releaseId, bytes, hash: frozenHash(bytes) };
}

/** Whether this device holds a snapshot of the release. */
export async function hasFrozen(db: RunsheetDB, releaseId: ReleaseId): Promise<boolean> {
  return (await db.frozenReleases.where('releaseId').equals(releaseId).count()) > 0;
}

/**
 * The release read from its snapshot, or null when there is none or it cannot be read (damaged, or
 * written by a newer app): the caller then opens the document, which refreezes it (FZ-02).
 * Read a part per task (`pause` between them), so a finished release never holds the page;
 * `onSteps` gets the release as soon as its step states are read, before its history.
 */
export async function readFrozen(
  db: RunsheetDB,
  releaseId: ReleaseId,
  pause: () => Promise<void> = () => Promise.resolve(),
  onSteps: (release: ReleaseState) => void = () => {},
): Promise<ReleaseState | null> {
  const row = await db.frozenReleases.get(releaseId);
  if (!row) return null;
  try {
    // Parts of 2,500 rows: parts of 10,000 held a loaded page up to 0.4 s (docs/BENCHMARKS.md).
    const parts = thawParts(row.bytes, 2_500);
    let told = false;
    for (let next = parts.next(); ; next = parts.next()) {
      if (next.done) return next.value;
      if (next.value.release && !told) {
        told = true;
        onSteps(next.value.release);
      }
      await pause();
    }
  } catch (error) {
    if (!(error instanceof FrozenReleaseError)) throw error;
    console.warn(`The frozen copy of ${releaseId} is not readable (${error.code}); opening its document.`);
    return null;
  }
}
