/**
 * The page's half of an import: hand the worker the documents the file touches, then apply what it
 * built and wait until it is stored (IO-18). The pieces (about 256 KB each) are applied and stored one
 * at a time, so the page keeps painting and shows how far it got: each is one Yjs transaction, one
 * write, and one message to the relay, like an edit from another device. Release documents come first
 * and the catalog last, so a release appears in the lists with its steps already there.
 *
 * Applying everything in one task would store the import in one IndexedDB transaction, but froze the
 * page for 3 s (10,000 done) to 15 s (50,000 done). Sliced, a page closed mid-way (it asks first) keeps
 * the pieces stored so far; importing the same file again adds the rest and nothing twice (IO-07).
 */
import { CATALOG, type DocName } from '@runsheet/doc';
import type { ReleaseId } from '@runsheet/domain';
import * as Y from 'yjs';
import { type LocalData, nextTask } from '@/data';
import type { DocPieces, DocSnapshot, Progress } from './import-pipeline.ts';

/** Origin of an import's updates: stored, sent to the other tabs and to the relay like a local edit. */
export const IMPORT_ORIGIN = { source: 'import' } as const;

/** Opens the releases the file touches and snapshots them with the catalog, for the worker to plan on. */
export async function snapshotDocs(local: LocalData, releaseIds: readonly string[]): Promise<DocSnapshot[]> {
  await Promise.all(releaseIds.map((id) => local.openRelease(id as ReleaseId)));
  const names: DocName[] = [CATALOG, ...(releaseIds as ReleaseId[])];
  const out: DocSnapshot[] = [];
  for (const name of names) {
    const doc = local.workspace.doc(name);
    if (doc) out.push({ name, update: Y.encodeStateAsUpdate(doc) });
  }
  return out;
}

export async function applyImport(local: LocalData, docs: DocPieces[], onProgress: Progress): Promise<void> {
  await Promise.all(
    docs.filter((d) => d.name !== CATALOG).map((d) => local.openRelease(d.name as ReleaseId)),
  );
  const ordered = [...docs.filter((d) => d.name !== CATALOG), ...docs.filter((d) => d.name === CATALOG)];
  const total = ordered.reduce((sum, d) => sum + d.pieces.reduce((n, p) => n + p.length, 0), 0);
  let done = 0;
  onProgress({ phase: 'applying', done, total });
  for (const { name, pieces } of ordered) {
    const doc = local.workspace.doc(name);
    if (!doc) throw new Error(`The document ${name} is not open.`);
    for (const piece of pieces) {
      // Straight in, not through receiveUpdate's gap check: the pieces come in order from one new
      // client and build on a snapshot of this very document, so they always fit, and the check
      // decodes each piece a second time (1.5 s of the 50,000-done restore).
      Y.applyUpdate(doc, piece, IMPORT_ORIGIN);
      // The write packs the rows the piece changed (its customer buckets) before it stores them: in
      // the task of the apply, the two made the restore's longest task (docs/BENCHMARKS.md, "Restoring
      // a large backup"); in a task of their own, each is about half of it.
      await nextTask();
      // Stored before the next: each write holds one piece and the rows it changed, so no write
      // grows into a long task of its own, and "x of y" counts what a reload would keep.
      await storeNow(local);
      done += piece.length;
      onProgress({ phase: 'applying', done, total });
    }
  }
  onProgress({ phase: 'saving' });
  await storeNow(local);
}

async function storeNow(local: LocalData): Promise<void> {
  try {
    await local.flush();
  } catch (error) {
    throw new ImportNotStored(error);
  }
}

/** The import is applied on this page, but IndexedDB refused to store it (full, blocked). */
export class ImportNotStored extends Error {
  constructor(cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      `It is applied on this page but this device could not store it (${why}). Keep the page open; Runsheet tries again.`,
    );
  }
}
