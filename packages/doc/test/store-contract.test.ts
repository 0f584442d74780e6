import { memoryStore, Workspace } from '../src/index.ts';
import { storeContractSuite } from '../src/testing/index.ts';

storeContractSuite('in-memory store (plain state + domain views)', async () => {
  const workspace = new Workspace();
  return { workspace, store: memoryStore(() => workspace.state), settle: async () => {} };
});
