/** Test helpers for the document layer and every store built on it (not part of the runtime API). */
export * from './entities.ts';
export { type StoreHarness, storeContractSuite } from './store-contract.ts';
