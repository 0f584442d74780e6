/** The read model: where views get live data (read-model.ts says which source, and why). */
export {
  useCluster,
  useCustomer,
  useCustomersByCluster,
  useReleaseList,
  useReleaseRecord,
} from './catalog-hooks.ts';
export {
  type CatalogLists,
  ReadModelContext,
  type ReleasesRead,
  useCatalog,
  useCatalogLists,
  useCatalogState,
  useReadModel,
  useReleaseView,
  useReleaseViews,
} from './hooks.ts';
export {
  type CatalogRead,
  type ReadChange,
  ReadModel,
  type ReadModelOptions,
  type ReleaseRead,
  type ReleaseSource,
  type ReleaseView,
} from './read-model.ts';
export {
  type TemplatesByCategory,
  useParticipantIds,
  useReleaseProgress,
  useReleasesProgress,
  useTemplates,
} from './release-hooks.ts';
export {
  type HaltShown,
  useNow,
  useRolloutHalt,
  useRolloutHistory,
  useRolloutStatus,
} from './rollout-hooks.ts';
export {
  type ActivityLine,
  useActiveProgress,
  useCustomerReleases,
  useInventory,
  useRecentActivity,
  useStoredReleaseProgress,
} from './summaries.ts';
