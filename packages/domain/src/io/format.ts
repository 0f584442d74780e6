/**
 * The workspace file: everything a workspace holds, as ONE versioned JSON document, so the data outlives
 * any server and any browser (docs/ARCHITECTURE.md "Offline and devices"). Described for people in
 * docs/EXPORT-FORMAT.md; the version moves when a reader of the old version would misread a new file.
 *
 * Collections are flat lists; a record that belongs to a release document names it (`releaseId`).
 * Records keep fields this version does not know (a newer app's additions): the reader carries them
 * through, the workspace stores them, the next export writes them again.
 */
import type { Cluster } from '../entities/cluster.ts';
import type { ContentRevision } from '../entities/content-revision.ts';
import type { CustomStep } from '../entities/custom-step.ts';
import type { Customer } from '../entities/customer.ts';
import type { Participant } from '../entities/participant.ts';
import type { Release } from '../entities/release.ts';
import type { HistoryEvent } from '../entities/step-event.ts';
import type { StepState } from '../entities/step-state.ts';
import type { StepTemplate } from '../entities/step-template.ts';
import type { Wave } from '../entities/wave.ts';
import type { CustomerId, ReleaseId, RevId, StepId, WaveId } from '../ids.ts';

export const WORKSPACE_FORMAT = 'runsheet-workspace';
/**
 * The version this app writes. 0 is the first server-side design's tables (migrate-v0.ts, IO-02). 2 added
 * content revisions (`revisions`; step states name them instead of holding copies, ST-09): an app that
 * reads only 1 would keep the ids but show the wrong content, so it must refuse a 2. A version-1 file
 * reads as it is: its copies are the legacy fields every step still reads (ST-11).
 */
export const WORKSPACE_VERSION = 2;
/** Versions this app reads. */
export const READABLE_VERSIONS = [0, 1, 2] as const;

/** A participant as stored in the file: the release it takes part in, and the entry itself. */
export type ParticipantRecord = Participant & { releaseId: ReleaseId };
/** A content revision as stored in the file: its release document, its id, and the revision. */
export type RevisionRecord = ContentRevision & { releaseId: ReleaseId; id: RevId };
/** A customer step's own state as stored in the file: whose it is, and its (sparse) fields. */
export type StepStateRecord = StepState & { releaseId: ReleaseId; stepId: StepId };

/** A customer's wave in a release (WV-02): one per customer, as the release document keeps it. */
export interface WaveMemberRecord {
  releaseId: ReleaseId;
  customerId: CustomerId;
  waveId: WaveId;
}

/** The collections of a workspace, in the order a reader needs them (references point backwards). */
export interface WorkspaceData {
  clusters: Cluster[];
  customers: Customer[];
  releases: Release[];
  /** Immutable content revisions; templates, custom steps and step states name them. */
  revisions: RevisionRecord[];
  templates: StepTemplate[];
  participants: ParticipantRecord[];
  customSteps: CustomStep[];
  stepStates: StepStateRecord[];
  /** Per release in the order its document holds them (history is append-only). */
  events: HistoryEvent[];
  /**
   * A release's rollout waves (WV-01), deleted ones included (history names them). Gates are computed;
   * sign-offs, early openings, halts and resumes are history events (`events`).
   */
  waves: Wave[];
  waveMembers: WaveMemberRecord[];
}

export type CollectionName = keyof WorkspaceData;
export const COLLECTIONS: readonly CollectionName[] = [
  'clusters',
  'customers',
  'releases',
  'revisions',
  'templates',
  'participants',
  'customSteps',
  'stepStates',
  'events',
  'waves',
  'waveMembers',
];

export interface WorkspaceFile extends WorkspaceData {
  format: typeof WORKSPACE_FORMAT;
  version: typeof WORKSPACE_VERSION;
  /** ISO time of the export. Also the default for a record's missing timestamps on import. */
  exportedAt: string;
  /** What wrote the file; informative only. */
  generator: string;
}

export function emptyWorkspaceData(): WorkspaceData {
  return {
    clusters: [],
    customers: [],
    releases: [],
    revisions: [],
    templates: [],
    participants: [],
    customSteps: [],
    stepStates: [],
    events: [],
    waves: [],
    waveMembers: [],
  };
}

/** A file name like `runsheet-backup-2026-03-01.json`, from the local calendar date of `at`. */
export function backupFileName(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `runsheet-backup-${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}.json`;
}
