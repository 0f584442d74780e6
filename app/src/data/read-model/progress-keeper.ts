/**
 * A release's progress kept current change by change for the release page (PR-09): a change of step
 * states or custom steps recounts only the steps it touched (the domain's StepTally); anything else (its
 * templates, participants or revisions, the catalog, a reload of the view's source) counts the release
 * again. A finished release has 50,000 step states: counting them all takes tens of milliseconds on
 * every change, recounting one takes nothing.
 */
import {
  type DomainState,
  type ProgressOptions,
  type ReleaseId,
  type ReleaseProgress,
  releaseProgressOf,
  type StepId,
  StepTally,
} from '@runsheet/domain';
import type { ReadChange, ReleaseSource } from './read-model.ts';

export class ProgressKeeper {
  private tally: StepTally | null = null;
  private full = true;
  private steps = new Set<StepId>();
  /** Where the counted release came from: the stored copy, the snapshot or the document. */
  private countedSource: ReleaseSource | undefined;
  /** The view's version when last counted (undefined: not said). */
  private countedVersion: number | undefined;

  constructor(
    private readonly releaseId: ReleaseId,
    private readonly options: ProgressOptions = {},
  ) {}

  /** A change of the release, as the read model reports it: what the next `current` must count. */
  note(change: ReadChange): void {
    if (
      change.kind !== 'release' ||
      change.templates.length > 0 ||
      change.participants.length > 0 ||
      change.revisions.length > 0
    ) {
      this.full = true;
      return;
    }
    for (const id of change.stepStates) this.steps.add(id);
    for (const id of change.customSteps) this.steps.add(id);
  }

  /**
   * The view may have missed changes (it subscribed after it rendered): unless the view is still at
   * `version`, the one last counted, the next `current` counts everything.
   */
  invalidate(version?: number): void {
    if (version === undefined || version !== this.countedVersion) this.full = true;
  }

  /**
   * The progress of the release in `state`, which must be the state the noted changes were made to, at
   * the view's `version`, read from `source`. A release read from another source than the one counted
   * (the view switched between the stored copy, the snapshot and the document, which another reader may
   * open without a reload) is counted whole, whatever was noted.
   */
  current(state: DomainState, version?: number, source?: ReleaseSource): ReleaseProgress {
    if (this.full || !this.tally || source !== this.countedSource)
      this.tally = StepTally.count(state, this.releaseId, this.options);
    else if (this.steps.size > 0) this.tally.recount(state, this.releaseId, this.steps);
    this.full = false;
    this.steps = new Set();
    this.countedSource = source;
    this.countedVersion = version;
    return releaseProgressOf(state, this.releaseId, this.tally);
  }
}
