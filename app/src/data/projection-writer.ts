/**
 * Writes projection rows to Dexie. Called inside the flush transaction, together with the Yjs updates
 * the rows come from, so the stored documents and their projection never disagree after a crash.
 */
import { countWrites, type RowWrites, TABLE_NAMES } from '@runsheet/doc';
import type { RunsheetDB } from './db.ts';

/** Bump when the row format changes: the projection is then rebuilt from the documents at start. */
export const PROJECTION_VERSION = 3;
export const PROJECTION_VERSION_KEY = 'projectionVersion';

/** Must run inside a transaction over the projection tables. */
export async function writeRows(db: RunsheetDB, writes: RowWrites): Promise<void> {
  if (countWrites(writes) === 0) return;
  const tables = db.projectionTables();
  const pending: Array<Promise<unknown>> = [];
  for (const name of TABLE_NAMES) {
    const { put, delete: keys } = writes[name];
    if (keys.length > 0) pending.push(tables[name].bulkDelete(keys));
    if (put.length > 0) pending.push(tables[name].bulkPut(put));
  }
  await Promise.all(pending);
}

export async function storedProjectionVersion(db: RunsheetDB): Promise<unknown> {
  return (await db.meta.get(PROJECTION_VERSION_KEY))?.value;
}
