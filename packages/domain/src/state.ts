import type { Cluster } from './entities/cluster.ts';
import type { ContentRevision } from './entities/content-revision.ts';
import type { CustomStep } from './entities/custom-step.ts';
import type { Customer } from './entities/customer.ts';
import type { Participant } from './entities/participant.ts';
import type { Release } from './entities/release.ts';
import type { HistoryEvent } from './entities/step-event.ts';
import type { StepState } from './entities/step-state.ts';
import type { StepTemplate } from './entities/step-template.ts';
import type { Wave } from './entities/wave.ts';
import type { ClusterId, CustomerId, ReleaseId, RevId, StepId, TemplateId, WaveId } from './ids.ts';

/** The catalog document as plain data: clusters, customers and the releases themselves. */
export interface CatalogState {
  clusters: Record<ClusterId, Cluster>;
  customers: Record<CustomerId, Customer>;
  releases: Record<ReleaseId, Release>;
}

/** One release document as plain data. Steps are sparse: see docs/ARCHITECTURE.md "Keep a release small". */
export interface ReleaseState {
  releaseId: ReleaseId;
  templates: Record<TemplateId, StepTemplate>;
  participants: Record<CustomerId, Participant>;
  customSteps: Record<StepId, CustomStep>;
  stepStates: Record<StepId, StepState>;
  /** Immutable content revisions, written once (ST-09). */
  revisions: Record<RevId, ContentRevision>;
  /** Append-only, in document order. */
  events: HistoryEvent[];
  /** The rollout's waves, deleted ones included (`deletedAt`); none means no gating (WV-01). */
  waves: Record<WaveId, Wave>;
  /** Which wave each customer is in, one entry per customer so two devices never put one in two waves. */
  waveMembers: Record<CustomerId, WaveId>;
}

/** What a command reads: the catalog, and the release document it acts on when it acts on one. */
export interface DomainState {
  catalog: CatalogState;
  releases: Record<ReleaseId, ReleaseState>;
}

export function emptyCatalog(): CatalogState {
  return { clusters: {}, customers: {}, releases: {} };
}

export function emptyReleaseState(releaseId: ReleaseId): ReleaseState {
  return {
    releaseId,
    templates: {},
    participants: {},
    customSteps: {},
    stepStates: {},
    revisions: {},
    events: [],
    waves: {},
    waveMembers: {},
  };
}
