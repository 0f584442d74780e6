/**
 * What one Yjs transaction changed, by entity id. The mirror emits one of these per transaction that
 * touched domain data, local or remote alike; the projections consume them. An id listed here whose
 * entity is no longer in the state was removed.
 */
import type {
  ClusterId,
  CustomerId,
  HistoryEvent,
  ReleaseId,
  RevId,
  StepId,
  TemplateId,
  WaveId,
} from '@runsheet/domain';

export interface CatalogChanges {
  kind: 'catalog';
  clusters: ClusterId[];
  customers: CustomerId[];
  releases: ReleaseId[];
  /** The transaction's origin (who wrote it: a workspace, a provider, persistence). */
  origin: unknown;
  /** True when the transaction ran on this Y.Doc, false when it came in as an update. */
  local: boolean;
}

export interface ReleaseChanges {
  kind: 'release';
  releaseId: ReleaseId;
  templates: TemplateId[];
  customSteps: StepId[];
  participants: CustomerId[];
  /** Content revisions added (they are never changed afterwards). */
  revisions: RevId[];
  /** Steps whose own state changed (any field set or removed). */
  stepStates: StepId[];
  /** Events added by this transaction, in document order. */
  events: HistoryEvent[];
  /** Waves whose fields changed (created, edited, deleted). */
  waves: WaveId[];
  /** Customers whose wave changed. */
  waveMembers: CustomerId[];
  origin: unknown;
  local: boolean;
}

export type DocChanges = CatalogChanges | ReleaseChanges;

export type ChangeListener = (changes: DocChanges) => void;
