/**
 * How many characters each free-text field may hold. One table, because the entities, the commands, the
 * workspace file reader and the REST API (through @runsheet/protocol, which re-exports it) check the same
 * fields: a limit changed here changes everywhere, so a note the app accepts is never refused by the API.
 */
export const FIELD_LIMITS = {
  /** Names of releases, customers, template and custom steps. */
  name: 200,
  /** Cluster names are shorter: they head matrix columns. */
  clusterName: 100,
  /** A Kubernetes namespace (an RFC 1123 label). */
  namespace: 63,
  versionNumber: 100,
  kubeconfigPath: 1_024,
  /** Descriptions of clusters, customers, template and custom steps. */
  description: 10_000,
  /** A release's description holds its release notes, so it may be longer. */
  releaseDescription: 20_000,
  /** Notes written when a step is marked done. */
  notes: 20_000,
  /** Why a step was skipped or reverted, or how a conflict was settled. */
  reason: 5_000,
  metadataValue: 2_000,
  /** A step's script or instructions. */
  stepContent: 200_000,
} as const;

export type FieldLimitName = keyof typeof FIELD_LIMITS;
