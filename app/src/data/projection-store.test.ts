import { storeContractSuite } from '@runsheet/doc/testing';
import { projectionStore } from './projection-store.ts';
import { freshIndexedDB, openTestData } from './test-db.ts';

storeContractSuite('packed projection in IndexedDB (fake-indexeddb)', async () => {
  const data = await openTestData(freshIndexedDB());
  return {
    workspace: data.workspace,
    store: projectionStore(data.db),
    settle: () => data.flush(),
    dispose: () => data.close(),
  };
});

storeContractSuite('packed projection rebuilt from the stored documents', async () => {
  const data = await openTestData(freshIndexedDB());
  return {
    workspace: data.workspace,
    store: projectionStore(data.db),
    settle: () => data.rebuildProjection(),
    dispose: () => data.close(),
  };
});
