/**
 * Test helpers: an in-memory IndexedDB (fake-indexeddb) per test, shared by the "tabs" of that test.
 * Test-only; not imported by the app.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { LocalData, type LocalDataOptions } from './local-data.ts';

export function freshIndexedDB() {
  return { indexedDB: new IDBFactory(), IDBKeyRange };
}

/** A LocalData on `idb` with no channel and no page lifecycle unless given. */
export function openTestData(idb: ReturnType<typeof freshIndexedDB>, options: LocalDataOptions = {}) {
  return LocalData.open({ dexie: idb, channel: null, lifecycle: null, ...options });
}
