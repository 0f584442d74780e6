import { storeContractSuite } from '@runsheet/doc/testing';
import { dexieStore } from './dexie-store.ts';
import { freshIndexedDB, openTestData } from './test-db.ts';

storeContractSuite('Dexie projection (fake-indexeddb)', async () => {
  const data = await openTestData(freshIndexedDB());
  return {
    workspace: data.workspace,
    store: dexieStore(data.db),
    settle: () => data.flush(),
    dispose: () => data.close(),
  };
});

storeContractSuite('Dexie projection rebuilt from the stored documents', async () => {
  const data = await openTestData(freshIndexedDB());
  return {
    workspace: data.workspace,
    store: dexieStore(data.db),
    settle: () => data.rebuildProjection(),
    dispose: () => data.close(),
  };
});
