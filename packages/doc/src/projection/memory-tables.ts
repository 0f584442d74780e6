/**
 * The projection's tables held in Maps: what the simulation and the tests compare against the Dexie
 * projection's shape. Applying the same RowWrites here and to Dexie gives the same rows.
 */
import { type RowKey, type RowTables, type RowWrites, rowKey, TABLE_NAMES, type TableName } from './rows.ts';

type Tables = { [T in TableName]: Map<string, RowTables[T]> };

const keyString = (key: RowKey) => (typeof key === 'string' ? key : key.join('\u0000'));

export class MemoryTables {
  readonly tables: Tables = {
    clusters: new Map(),
    customers: new Map(),
    releases: new Map(),
    releaseHeads: new Map(),
    revisions: new Map(),
    stepPacks: new Map(),
    eventPacks: new Map(),
  };

  apply(writes: RowWrites): void {
    for (const table of TABLE_NAMES) this.applyTable(table, writes);
  }

  clear(): void {
    for (const table of TABLE_NAMES) this.tables[table].clear();
  }

  /** Every table as rows sorted by key: comparable with `toEqual`. */
  snapshot(): { [T in TableName]: Array<RowTables[T]> } {
    const out = {} as { [T in TableName]: Array<RowTables[T]> };
    for (const table of TABLE_NAMES) {
      const entries = [...this.tables[table].entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      (out as Record<TableName, unknown[]>)[table] = entries.map(([, row]) => row);
    }
    return out;
  }

  private applyTable<T extends TableName>(table: T, writes: RowWrites): void {
    const map = this.tables[table];
    for (const key of writes[table].delete) map.delete(keyString(key));
    for (const row of writes[table].put) map.set(keyString(rowKey(table, row)), row);
  }
}
