/**
 * Frozen releases on this device (ST-15, FZ-01..FZ-05): an archived release is kept as one immutable
 * snapshot (packages/doc `freezeRelease`), and views read it instead of applying the release's Yjs
 * document. The document itself stays stored: it carries the merge history that other devices' copies
 * and late events meet, so unarchiving, or a late event, continues on it (FZ-03, FZ-04).
 */
import { FrozenReleaseError, freezeRelease, frozenHash, releaseRows, thawParts } from '@runsheet/doc';
import type { ReleaseId, ReleaseState } from '@runsheet/domain';
import type { FrozenRow, RunsheetDB } from './db.ts';
import { writeRows } from './projection-writer.ts';

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
  return thawInParts(row.bytes, releaseId, pause, onSteps);
}

/** `thawParts` a part per task; null (and a warning) when the bytes are not a readable snapshot. */
export async function thawInParts(
  bytes: Uint8Array,
  releaseId: ReleaseId,
  pause: () => Promise<void> = () => Promise.resolve(),
  onSteps: (release: ReleaseState) => void = () => {},
): Promise<ReleaseState | null> {
  try {
    // Parts of 2,500 rows: parts of 10,000 held a loaded page up to 0.4 s (docs/BENCHMARKS.md).
    const parts = thawParts(bytes, 2_500);
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

/** What the relay answers for a release's snapshot (FZ-07): its bytes and the hash it names. */
export interface FetchedFrozen {
  bytes: Uint8Array;
  hash: string;
}

/**
 * FZ-09: the relay's snapshot of an archived release this device has neither a snapshot nor a
 * document of, read (the hash it names must be its content hash, and `thawParts` checks the content
 * against it) and then kept as FZ-01 keeps one, with the release's projection rows in the same
 * transaction (what the release list and the first paint read, RM-07), so the next opening reads it
 * from here. Null when the bytes are not a readable snapshot of that hash (nothing is kept): the caller
 * syncs the document.
 */
export async function readFetchedFrozen(
  db: RunsheetDB,
  releaseId: ReleaseId,
  fetched: FetchedFrozen,
  pause: () => Promise<void> = () => Promise.resolve(),
  onSteps: (release: ReleaseState) => void = () => {},
  /** The hash of the relay snapshot kept here that this one replaces (FZ-10); none: kept only if absent. */
  replacing?: string,
): Promise<ReleaseState | null> {
  let hash: string;
  try {
    hash = frozenHash(fetched.bytes);
  } catch {
    return null;
  }
  if (hash !== fetched.hash) {
    console.warn(`The relay's frozen copy of ${releaseId} does not match its hash; syncing its document.`);
    return null;
  }
  const release = await thawInParts(fetched.bytes, releaseId, pause, onSteps);
  if (release === null || release.releaseId !== releaseId) return null;
  // A snapshot written here meanwhile (the document arrived after all) is as good: keep that one.
  const tables = [db.frozenReleases, ...Object.values(db.projectionTables())];
  await db.transaction('rw', tables, async () => {
    if ((await db.frozenReleases.get(releaseId))?.hash !== replacing) return;
    await db.frozenReleases.put({ releaseId, bytes: fetched.bytes, hash });
    await writeRows(db, releaseRows(release));
  });
  return release;
}
