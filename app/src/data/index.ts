/** The app's data layer: local documents, their packed projection, and the read model views read with. */
export { DB_NAME, RunsheetDB } from './db.ts';
export type { FetchedFrozen } from './frozen-store.ts';
export { LocalData, type LocalDataOptions, STORAGE_ORIGIN, TAB_ORIGIN } from './local-data.ts';
export { idleTask, nextTask } from './next-task.ts';
export { projectionStore } from './projection-store.ts';
export * from './read-model/index.ts';
