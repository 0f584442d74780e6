export { applyChange, groupByDocument, type ResolveDoc } from './apply.ts';
export type { CatalogChanges, ChangeListener, DocChanges, ReleaseChanges } from './changes.ts';
export {
  FROZEN_FORMAT_VERSION,
  FrozenReleaseError,
  freezeRelease,
  frozenHash,
  type ThawPart,
  type ThawStage,
  thawParts,
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
export { claimsOf, type LogClaim, type LogClaims } from './log/claims.ts';
export { CatalogMirror, ReleaseMirror } from './mirror.ts';
export { CustomerIndex, customerKeyOf } from './projection/customer-index.ts';
export { MemoryTables } from './projection/memory-tables.ts';
export { pack, unpack } from './projection/pack-codec.ts';
export {
  addPackedStepRows,
  addParsedStepRows,
  type ParsedStepRow,
  parseStepPackRow,
  STEP_STATES_BUILT,
} from './projection/packed-steps.ts';
export {
  allRows,
  catalogRows,
  DirtySet,
  eventPackRow,
  headPackRow,
  releaseRows,
  revisionRow,
  stepPackRow,
} from './projection/project.ts';
export {
  type BucketSteps,
  bucketOf,
  type CustomerKey,
  countWrites,
  EVENT_CHUNK,
  type EventPackRow,
  emptyWrites,
  type HeadPackRow,
  type ReleaseHead,
  type RevisionRow,
  type RowKey,
  type RowTables,
  type RowWrites,
  rowKey,
  SPLIT_PARTS,
  STEP_BUCKETS,
  type StepPackRow,
  TABLE_NAMES,
  type TableName,
  UNKNOWN_CUSTOMER,
} from './projection/rows.ts';
export {
  addStepPackRow,
  bucketStepsOf,
  eventsOf,
  headOf,
  type ReleaseFromRowsOptions,
  type ReleaseRows,
  releaseFromRows,
  setEvents,
} from './projection/unpack.ts';
export { readCatalog, readCatalogInSlices, readEntity, readRelease } from './read.ts';
export { memoryStore } from './store/memory-store.ts';
export type { ReadStore, RecentActivityOptions } from './store/read-store.ts';
export * from './temporal/index.ts';
export { heldUpdates, receiveUpdate } from './update-inbox.ts';
export { sliceDecoded, sliceUpdate } from './update-slices.ts';
export { type Command, type DocOpenListener, Workspace, type WorkspaceOptions } from './workspace.ts';
