/**
 * RM-09: a release's step states as a stored copy holds them before they are built into objects.
 *
 * A finished release has 50,000 step states. Building them all into plain objects (the projection's
 * packed columns unpacked) took 85 to 110 ms on a quiet machine, a quarter of it garbage collection,
 * and the first matrix paint of an archived release waited for it; yet the matrix reads only a step's
 * status, its notes and whether it is overridden. A release read back from packed rows can therefore
 * carry its step states still packed (`setPackedStepStates`): the matrix visits the few fields it needs
 * straight from the columns, and `stepStates` is built from the same columns the first time anything
 * else reads it (a getter the reader installs), so every view still reads one ReleaseState and can
 * never see other data than the matrix did.
 *
 * The domain only defines the shape; packages/doc reads it from the projection's rows.
 */
import type { StepState, StepStateField } from '../entities/step-state.ts';
import type { StepId } from '../ids.ts';
import type { ReleaseState } from '../state.ts';

/** The step states of one release, still packed. Read-only: a stored copy is never edited. */
export interface PackedStepStates {
  /** How many step states there are (the number of keys `stepStates` will have). */
  readonly size: number;
  /**
   * Visits step states [from, to) in `stepStates` key order, each as an object holding only `fields`
   * (the others undefined). The object is reused from one step to the next: read it, do not keep it.
   */
  read(
    from: number,
    to: number,
    fields: readonly StepStateField[],
    visit: (stepId: StepId, state: StepState) => void,
  ): void;
  /** One step state whole (as `stepStates[stepId]` will be), without building the others. */
  get(stepId: StepId): StepState | undefined;
}

/** Where a release keeps its packed step states until `stepStates` is built (not enumerable). */
const PACKED = Symbol.for('runsheet.packedStepStates');

type WithPacked = ReleaseState & { [PACKED]?: PackedStepStates };

/**
 * The packed step states of a release whose `stepStates` has not been built yet; undefined once it has
 * (then the objects are there and cost nothing more to read) or when the release never had any.
 */
export function packedStepStatesOf(release: ReleaseState | undefined): PackedStepStates | undefined {
  return (release as WithPacked | undefined)?.[PACKED];
}

/** Sets (or, undefined, drops) a release's packed step states: the reader's part, not a view's. */
export function setPackedStepStates(release: ReleaseState, packed: PackedStepStates | undefined): void {
  if (packed) {
    Object.defineProperty(release, PACKED, {
      value: packed,
      enumerable: false,
      configurable: true,
      writable: true,
    });
  } else delete (release as WithPacked)[PACKED];
}
