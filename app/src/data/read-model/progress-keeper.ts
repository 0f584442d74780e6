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
import type { ReadChange } from './read-model.ts';

export class ProgressKeeper {
  private tally: StepTally | null = null;
  private full = true;
  private steps = new Set<StepId>();

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

  /** The view may have missed changes (it subscribed late): the next `current` counts everything. */
  invalidate(): void {
    this.full = true;
  }

  /** The progress of the release in `state`, which must be the state the noted changes were made to. */
  current(state: DomainState): ReleaseProgress {
    if (this.full || !this.tally) this.tally = StepTally.count(state, this.releaseId, this.options);
    else if (this.steps.size > 0) this.tally.recount(state, this.releaseId, this.steps);
    this.full = false;
    this.steps = new Set();
    return releaseProgressOf(state, this.releaseId, this.tally);
  }
}
