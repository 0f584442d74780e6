/**
 * The page's half of an import: hand the worker the documents the file touches, then apply what it
 * built and wait until it is stored. Every piece of every document is applied in one task, so the
 * write queue stores the whole import in one IndexedDB transaction (IO-05 holds on the device too),
 * and the sync layer sends it on like any edit, a piece per message.
 */
import { CATALOG, type DocName } from '@runsheet/doc';
import type { ReleaseId } from '@runsheet/domain';
import * as Y from 'yjs';
import type { LocalData } from '@/data';
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
  // Opened before applying, so nothing below waits: the pieces land in one task.
  await Promise.all(
    docs.filter((d) => d.name !== CATALOG).map((d) => local.openRelease(d.name as ReleaseId)),
  );
  onProgress({ phase: 'applying' });
  for (const { name, pieces } of docs) {
    const doc = local.workspace.doc(name);
    if (!doc) throw new Error(`The document ${name} is not open.`);
    // Straight in, not through receiveUpdate's gap check: the pieces come in order from one new client
    // and build on a snapshot of this very document, so they always fit, and the check decodes each
    // piece a second time (1.5 s of the 50,000-done restore).
    for (const piece of pieces) Y.applyUpdate(doc, piece, IMPORT_ORIGIN);
  }
  onProgress({ phase: 'saving' });
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
