/**
 * Loads the catalog document from IndexedDB without one long task (RM-05): every page reads the catalog
 * before its first paint, and a catalog of 1,000 customers (about 360 KB) applied and read in one task
 * held the page 100 ms on a quiet machine and 550 to 620 ms on a loaded one. Above `sliceAbove` bytes
 * its rows are cut into slices (in a worker, as a release's are) and applied one slice per task, then
 * read into plain state in slices of about 40 ms; the slices replace the rows read, so the next load
 * applies them as they are, with no worker to start. Nothing observes or edits the document meanwhile
 * (LocalData.open builds the workspace over it only once this resolves), so nothing reads it half done.
 */
import { CATALOG, readCatalogInSlices } from '@runsheet/doc';
import type { CatalogState } from '@runsheet/domain';
import * as Y from 'yjs';
import type { RunsheetDB } from './db.ts';
import { mergeRows, readUpdates, replaceWithSlices } from './doc-storage.ts';
import type { Slicer } from './release-slicer.ts';

export interface LoadedCatalog {
  doc: Y.Doc;
  state: CatalogState;
  /** The seqs of the catalog's rows now (the slices when it was just cut), and the last one. */
  seqs: number[];
  lastSeq: number;
  /** Whether its rows should be merged (several rows, not slices of one load). */
  compact: boolean;
}

export interface CatalogLoadOptions {
  origin: unknown;
  pause: () => Promise<void>;
  slicer: Slicer;
  sliceAbove: number;
  sliceLength: number;
}

export async function loadCatalogInSlices(
  db: RunsheetDB,
  options: CatalogLoadOptions,
): Promise<LoadedCatalog> {
  const { origin, pause } = options;
  const rows = await readUpdates(db, CATALOG);
  const doc = new Y.Doc();
  const bytes = rows.reduce((sum, r) => sum + r.update.length, 0);
  let seqs = rows.map((r) => r.seq ?? 0);
  let compact = rows.length > 1;
  let storing: Promise<number[]> | null = null;
  if (rows.length > 0 && rows.every((r) => r.sliced)) {
    // Cut at an earlier load: applied as they are, one per task.
    for (const row of rows) {
      await pause();
      Y.applyUpdate(doc, row.update, origin);
    }
    compact = false;
  } else if (bytes > options.sliceAbove) {
    let slices: Uint8Array[] | null = null;
    try {
      slices = await options.slicer(
        rows.map((r) => r.update),
        options.sliceLength,
      );
    } catch (error) {
      // No worker (or it failed): one task, as before, rather than no catalog.
      console.error(error);
    }
    for (const slice of slices ?? [mergeRows(rows)]) {
      await pause();
      Y.applyUpdate(doc, slice, origin);
    }
    if (slices) {
      // Stored as cut, so the next load needs no worker (its start is most of this load's time).
      storing = replaceWithSlices(db, CATALOG, seqs, slices);
      compact = false;
    }
  } else if (rows.length > 0) {
    Y.applyUpdate(doc, mergeRows(rows), origin);
  }
  await pause();
  const state = await readCatalogInSlices(doc, pause);
  if (storing) {
    try {
      seqs = await storing;
    } catch (error) {
      // The rows read stay as they were: still the catalog, cut again at the next load.
      console.error(error);
    }
  }
  return { doc, state, seqs, lastSeq: seqs.reduce((max, seq) => Math.max(max, seq), 0), compact };
}
