// liveQuery observes through Dexie's global IndexedDB dependency, so this file installs the fake globally
// (vitest runs each test file in its own context).
import 'fake-indexeddb/auto';
import { createCluster, createCustomer, testContext } from '@runsheet/domain';
import { liveQuery } from 'dexie';
import { describe, expect, it } from 'vitest';
import { projectionStore } from './projection-store.ts';
import { openTestData } from './test-db.ts';

describe('live queries over the projection', () => {
  it('emit again when a command changes what they read (the path useLiveQuery re-renders on)', async () => {
    const data = await openTestData({ indexedDB, IDBKeyRange }, { dbName: 'live-query-test' });
    const store = projectionStore(data.db);
    const ctx = testContext();
    const created = data.run(createCluster, { name: 'prod' }, ctx);
    if (!created.ok) throw new Error(created.error.code);
    await data.flush();
    const seen: string[][] = [];
    let resolveNext: (() => void) | null = null;
    const subscription = liveQuery(() => store.customersByCluster()).subscribe((groups) => {
      seen.push(groups.flatMap((g) => g.customers.map((c) => c.name)));
      resolveNext?.();
    });
    const next = () =>
      new Promise<void>((resolve) => {
        resolveNext = resolve;
      });
    await next();
    expect(seen).toEqual([[]]);
    const waiting = next();
    data.run(createCustomer, { clusterId: created.value.clusterId, name: 'Acme', namespace: 'acme' }, ctx);
    await waiting;
    expect(seen.at(-1)).toEqual(['Acme']);
    subscription.unsubscribe();
    await data.close();
  });
});
