/** The app's data layer: local documents, their Dexie projection, and the hooks views read with. */
export { DB_NAME, RunsheetDB } from './db.ts';
export { dexieStore } from './dexie-store.ts';
export {
  ReadStoreContext,
  useCustomerSteps,
  useCustomersByCluster,
  useReadStore,
  useRecentActivity,
  useReleaseMatrix,
  useReleaseProgress,
  useStepTimeline,
} from './hooks.ts';
export { LocalData, type LocalDataOptions, STORAGE_ORIGIN, TAB_ORIGIN } from './local-data.ts';
