/** What the simulation remembers of what replicas did, to check the invariants against at the end. */
import type { CustomerId, ReleaseId, StepCategory, StepId } from '@runsheet/domain';

export interface DoneRecord {
  replica: string;
  releaseId: ReleaseId;
  stepId: StepId;
  /** The step's content right after it was marked done, and the content as executed. */
  content: string;
  executedContent: string | null;
}

/** "Put X before Y", as asked on a replica: X must still come before Y once everything merged. */
export interface InsertIntent {
  replica: string;
  releaseId: ReleaseId;
  id: string;
  before: string;
  /** The customer whose list it was placed in; null for the template list. */
  customerId: CustomerId | null;
  category: StepCategory;
}

export class SimLog {
  readonly events = new Map<string, ReleaseId>();
  readonly done: DoneRecord[] = [];
  readonly inserts: InsertIntent[] = [];
  /** Entities whose order key changed after they were created (moved, or re-keyed to make room). */
  readonly reordered = new Set<string>();
  readonly counts = new Map<string, { ok: number; refused: number }>();
  /**
   * Ground truth for the rollout rules: for each event a command wrote, the ids of the events its
   * replica held when it was made (rollout-actions.ts recordRollout).
   */
  readonly knew = new Map<string, ReadonlySet<string>>();
  readonly trace: string[] = [];

  count(command: string, ok: boolean): void {
    const c = this.counts.get(command) ?? { ok: 0, refused: 0 };
    if (ok) c.ok++;
    else c.refused++;
    this.counts.set(command, c);
  }

  /** The last lines of the trace, for a failure message. */
  tail(lines = 40): string {
    return this.trace.slice(-lines).join('\n');
  }
}
