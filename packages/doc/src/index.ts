export { applyChange, groupByDocument, type ResolveDoc } from './apply.ts';
export type { CatalogChanges, ChangeListener, DocChanges, ReleaseChanges } from './changes.ts';
export {
  FROZEN_FORMAT_VERSION,
  FrozenReleaseError,
  freezeRelease,
  frozenHash,
  thawRelease,
} from './frozen/freeze.ts';
export {
  CATALOG,
  CATALOG_ROOTS,
  catalogRoots,
  type DocName,
  isReleaseDocName,
  parseStepStateKey,
  releaseRoots,
  SCHEMA_VERSION,
  stepStateKey,
} from './layout.ts';
export { CatalogMirror, ReleaseMirror } from './mirror.ts';
export { MemoryTables } from './projection/memory-tables.ts';
export {
  allRows,
  catalogRows,
  DirtySet,
  releaseRows,
  revisionRow,
  stepRecordRow,
} from './projection/project.ts';
export {
  countWrites,
  type EventRow,
  emptyWrites,
  eventOfRow,
  type ParticipantRow,
  type RevisionRow,
  type RowKey,
  type RowTables,
  type RowWrites,
  rowKey,
  type StepRecordRow,
  TABLE_NAMES,
  type TableName,
} from './projection/rows.ts';
export { readCatalog, readEntity, readRelease } from './read.ts';
export { memoryStore } from './store/memory-store.ts';
export type { ReadStore, RecentActivityOptions } from './store/read-store.ts';
export * from './temporal/index.ts';
export { heldUpdates, receiveUpdate } from './update-inbox.ts';
export { type Command, type DocOpenListener, Workspace, type WorkspaceOptions } from './workspace.ts';
