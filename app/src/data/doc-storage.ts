/**
 * Yjs updates of each document in the `docUpdates` table. Appends are cheap; a document's rows are merged
 * into one snapshot when it is loaded with more than one row, or when it passes `compactAfter` rows, so
 * loading stays one read and one applyUpdate however long the document has lived.
 */
import type { DocName } from '@runsheet/doc';
import { Dexie } from 'dexie';
import * as Y from 'yjs';
import type { DocUpdateRow, RunsheetDB } from './db.ts';

const range = (docName: DocName, afterSeq = 0) =>
  [
    [docName, afterSeq + 1],
    [docName, Dexie.maxKey],
  ] as const;

/** The stored updates of a document after `afterSeq`, oldest first. */
export async function readUpdates(db: RunsheetDB, docName: DocName, afterSeq = 0): Promise<DocUpdateRow[]> {
  const [lower, upper] = range(docName, afterSeq);
  return db.docUpdates.where('[docName+seq]').between(lower, upper, true, true).toArray();
}

/** How many rows a document has in storage. */
export async function countUpdates(db: RunsheetDB, docName: DocName): Promise<number> {
  const [lower, upper] = range(docName);
  return db.docUpdates.where('[docName+seq]').between(lower, upper, true, true).count();
}

/** Every document name that has stored updates. */
export async function storedDocNames(db: RunsheetDB): Promise<DocName[]> {
  const keys = (await db.docUpdates.orderBy('[docName+seq]').keys()) as unknown as Array<[DocName, number]>;
  return [...new Set(keys.map(([name]) => name))];
}

/**
 * Replaces a document's rows up to `upToSeq` with one merged row, in one transaction. Rows another tab
 * appended meanwhile (seq above `upToSeq`) stay. Merging needs no Y.Doc: `Y.mergeUpdates` is exact.
 */
export async function compact(db: RunsheetDB, docName: DocName): Promise<void> {
  await db.transaction('rw', db.docUpdates, async () => {
    const rows = await readUpdates(db, docName);
    if (rows.length < 2) return;
    const merged = Y.mergeUpdates(rows.map((r) => r.update));
    await db.docUpdates.bulkDelete(rows.map((r) => r.seq as number));
    await db.docUpdates.add({ docName, update: merged });
  });
}

/** A document rebuilt from storage: the seqs of the rows it read, and the last one (to catch up later). */
export async function loadDoc(
  db: RunsheetDB,
  docName: DocName,
  doc: Y.Doc,
  origin: unknown,
): Promise<{ lastSeq: number; seqs: number[] }> {
  const rows = await readUpdates(db, docName);
  if (rows.length > 0) Y.applyUpdate(doc, mergeRows(rows), origin);
  const seqs = rows.map((r) => r.seq ?? 0);
  return { lastSeq: seqs.reduce((max, seq) => Math.max(max, seq), 0), seqs };
}

/** A document's rows as one update (the one row itself once compacted: nothing to merge). */
export function mergeRows(rows: readonly DocUpdateRow[]): Uint8Array {
  if (rows.length === 1) return (rows[0] as DocUpdateRow).update;
  return Y.mergeUpdates(rows.map((r) => r.update));
}

/**
 * Replaces the rows `seqs` of a document with `slices` (each a row marked `sliced`, in order), in one
 * transaction: the same document in rows that load a slice per task without being cut again (RM-05).
 * Rows another tab added meanwhile stay; returns the new rows' seqs.
 */
export async function replaceWithSlices(
  db: RunsheetDB,
  docName: DocName,
  seqs: readonly number[],
  slices: readonly Uint8Array[],
): Promise<number[]> {
  return db.transaction('rw', db.docUpdates, async () => {
    await db.docUpdates.bulkDelete([...seqs]);
    return db.docUpdates.bulkAdd(
      slices.map((update) => ({ docName, update, sliced: true as const })),
      { allKeys: true },
    );
  });
}
