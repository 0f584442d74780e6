/**
 * Loads the catalog document from IndexedDB without one long task (RM-05): every page reads the catalog
 * before its first paint, and a catalog of 1,000 customers (about 360 KB) applied and read in one task
 * held the page 100 ms on a quiet machine and 550 to 620 ms on a loaded one. Above `sliceAbove` bytes
 * its rows are cut into slices (in a worker, as a release's are) and applied one slice per task, then
 * read into plain state in slices of about 40 ms. Nothing observes or edits the document meanwhile
 * (LocalData.open builds the workspace over it only once this resolves), so nothing reads it half done.
 */
import { CATALOG, readCatalogInSlices } from '@runsheet/doc';
import type { CatalogState } from '@runsheet/domain';
import * as Y from 'yjs';
import type { RunsheetDB } from './db.ts';
import { mergeRows, readUpdates } from './doc-storage.ts';
import type { Slicer } from './release-slicer.ts';

export interface LoadedCatalog {
  doc: Y.Doc;
  state: CatalogState;
  /** The seqs of the rows read, and the last one (to catch up later). */
  seqs: number[];
  lastSeq: number;
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
  rememberSize(bytes > options.sliceAbove);
  if (bytes > options.sliceAbove) {
    let slices: Uint8Array[];
    try {
      slices = await options.slicer(
        rows.map((r) => r.update),
        options.sliceLength,
      );
    } catch (error) {
      // No worker (or it failed): one task, as before, rather than no catalog.
      console.error(error);
      slices = [mergeRows(rows)];
    }
    for (const slice of slices) {
      await pause();
      Y.applyUpdate(doc, slice, origin);
    }
  } else if (rows.length > 0) {
    Y.applyUpdate(doc, mergeRows(rows), origin);
  }
  await pause();
  const state = await readCatalogInSlices(doc, pause);
  const seqs = rows.map((r) => r.seq ?? 0);
  return { doc, state, seqs, lastSeq: seqs.reduce((max, seq) => Math.max(max, seq), 0) };
}

/** Where this browser remembers that its catalog was cut in a worker last time (see catalogWasLarge). */
const LARGE_KEY = 'runsheet.catalog-sliced';

/**
 * Whether the catalog was large enough to be cut in a worker when this browser last loaded it: then
 * LocalData.open starts the worker before it opens the database, so the worker's start (80 to 200 ms)
 * overlaps the database's. A hint only: wrong, it costs a worker started for nothing, or no head start.
 */
export function catalogWasLarge(): boolean {
  try {
    return typeof localStorage !== 'undefined' && localStorage.getItem(LARGE_KEY) === '1';
  } catch {
    return false; // storage refused (a private window): no head start
  }
}

function rememberSize(large: boolean): void {
  try {
    if (typeof localStorage === 'undefined') return;
    if (large) localStorage.setItem(LARGE_KEY, '1');
    else localStorage.removeItem(LARGE_KEY);
  } catch {
    // Only a hint.
  }
}
