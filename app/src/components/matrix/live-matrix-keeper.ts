/**
 * Keeps a release's status matrix current for the matrix view (useLiveMatrix), change by change: a
 * status change patches the cells it touched (matrix-patch.ts); anything else recomputes the matrix with
 * the domain's definition. A release of more than `slicedAbove` step states is recomputed in slices
 * (RM-06, stepStatusMatrixInSlices) instead of in the render: meanwhile the view keeps the matrix it
 * had for the same release and filter, or shows it loading; the changes made meanwhile are patched
 * into the result when it arrives (or start the computation again when they cannot be).
 */
import {
  type ClusterId,
  type DomainState,
  packedStepStatesOf,
  type ReleaseId,
  type StatusMatrix,
  type StepId,
  stepStatusMatrix,
  stepStatusMatrixInSlices,
} from '@runsheet/domain';
import type { ReadChange } from '@/data';
import { patchable, patchMatrix } from './matrix-patch';

/** Changes since a matrix (or a computation) started. */
interface Pending {
  /** Something other than step states changed: recompute everything. */
  full: boolean;
  steps: Set<StepId>;
}

/** A computation in slices: for which release and filter, and what changed since it started. */
interface Job extends Pending {
  key: string;
  matrix?: StatusMatrix;
  cancelled: boolean;
}

export interface LiveMatrixOptions {
  /** Called when a matrix computed in slices is ready: the view renders again to take it. */
  onReady: () => void;
  /** Ends a task between slices (the app's nextTask). */
  pause: () => Promise<void>;
  /** More step states than this are recomputed in slices. */
  slicedAbove?: number;
}

/** A finished release of 1,000 x 50 has 50,000; a matrix of 5,000 takes a few ms on a quiet machine. */
const SLICED_ABOVE = 5000;

const fresh = (): Pending => ({ full: true, steps: new Set() });
const keyOf = (releaseId: ReleaseId, clusterId: ClusterId | undefined) => `${releaseId} ${clusterId ?? ''}`;

export class LiveMatrixKeeper {
  private pending: Pending = fresh();
  private last: { matrix: StatusMatrix; key: string } | null = null;
  private job: Job | null = null;
  private readonly slicedAbove: number;

  constructor(private readonly options: LiveMatrixOptions) {
    this.slicedAbove = options.slicedAbove ?? SLICED_ABOVE;
  }

  /** A change of the release (from the read model): recorded for the matrix and any running job. */
  note(change: ReadChange): void {
    for (const target of [this.pending, this.job]) {
      if (!target) continue;
      if (change.kind !== 'release') target.full = true;
      else {
        if (!patchable(change)) target.full = true;
        for (const id of change.stepStates) target.steps.add(id);
      }
    }
  }

  /** The view's release changed under it (another release, a reload): the next matrix is recomputed. */
  invalidate(): void {
    this.pending.full = true;
  }

  /**
   * The matrix to show for `state` now: patched, recomputed, or (a large release being recomputed in
   * slices) the one shown so far for this release and filter, or undefined until the first is ready.
   */
  current(state: DomainState | null, releaseId: ReleaseId, clusterId: ClusterId | undefined) {
    if (!state) return undefined;
    const key = keyOf(releaseId, clusterId);
    const done = this.job?.key === key ? this.job.matrix : undefined;
    if (this.job && done) {
      const job = this.job;
      this.job = null;
      const patched = job.full ? null : job.steps.size === 0 ? done : patchMatrix(done, state, job.steps);
      if (patched) return this.keep(patched, key);
      this.pending.full = true;
    }
    const p = this.pending;
    const prev = this.last?.key === key ? this.last.matrix : null;
    if (prev && !p.full) {
      const patched = p.steps.size === 0 ? prev : patchMatrix(prev, state, p.steps);
      if (patched) return this.keep(patched, key);
    }
    if (!this.isLarge(state, releaseId)) {
      this.cancel();
      return this.keep(stepStatusMatrix(state, releaseId, { clusterId }), key);
    }
    // Already being computed for this release and filter, with nothing since that it cannot patch.
    if (!(this.job && this.job.key === key && !this.job.full)) this.start(state, releaseId, clusterId, key);
    return prev ?? undefined;
  }

  destroy(): void {
    this.cancel();
  }

  private keep(matrix: StatusMatrix, key: string): StatusMatrix {
    this.pending = { full: false, steps: new Set() };
    this.last = { matrix, key };
    return matrix;
  }

  private start(state: DomainState, releaseId: ReleaseId, clusterId: ClusterId | undefined, key: string) {
    this.cancel();
    const job: Job = { key, full: false, steps: new Set(), cancelled: false };
    this.job = job;
    // What the shown matrix lacks is in the result (or recorded on the job from now on).
    this.pending = { full: false, steps: new Set() };
    if (this.last?.key !== key) this.last = null;
    stepStatusMatrixInSlices(state, releaseId, { clusterId }, this.options.pause).then(
      (matrix) => {
        if (job.cancelled) return;
        job.matrix = matrix;
        this.options.onReady();
      },
      (error: unknown) => {
        console.error(error);
        if (this.job === job) this.job = null;
      },
    );
  }

  private cancel(): void {
    if (this.job) this.job.cancelled = true;
    this.job = null;
  }

  private isLarge(state: DomainState, releaseId: ReleaseId): boolean {
    // RM-09: step states still packed are counted without building them (reading `stepStates` would).
    const packed = packedStepStatesOf(state.releases[releaseId]);
    if (packed) return packed.size > this.slicedAbove;
    let n = 0;
    for (const _ in state.releases[releaseId]?.stepStates) if (++n > this.slicedAbove) return true;
    return n > this.slicedAbove;
  }
}
