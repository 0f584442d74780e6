/**
 * RM-09: a release read back from its bucket rows with its step states left packed (domain
 * packed-step-states.ts). Each bucket's text is parsed once (JSON.parse: a few long arrays of small
 * integers, the cheap part); its participants and custom steps are decoded at once (few, and the
 * matrix's columns and custom steps need them); its step states stay columns until something reads
 * `stepStates`, which then builds them all from the same parsed columns, as `unpackBucketInto` does,
 * in the same key order. The matrix reads only a step's status, notes and override fields, straight
 * from the columns, so the first paint of a finished release builds no step object.
 */
import {
  type PackedStepStates,
  type ReleaseState,
  type StepId,
  type StepState,
  type StepStateField,
  setPackedStepStates,
} from '@runsheet/domain';
import { decodeRow, decodeRows, readField } from './column-codec.ts';
import { decode } from './pack-codec.ts';
import type { BucketText } from './packed-rows.ts';
import type { StepPackRow } from './rows.ts';

type Row = Record<string, unknown>;

/** The performance mark set when a release's packed step states are built into `stepStates`. */
export const STEP_STATES_BUILT = 'runsheet:step-states-built';

class PackedBuckets implements PackedStepStates {
  readonly size: number;
  /** Where each bucket's step states start in the release's step order. */
  private readonly starts: number[] = [];
  /** `stepStates` as built so far, bucket by bucket (`built` buckets). */
  private readonly built: Record<StepId, StepState> = {};
  private builtBuckets = 0;
  /** The object the reader visits, reused from step to step (see PackedStepStates.read). */
  private readonly scratch: Row = {};

  constructor(private readonly buckets: readonly BucketText[]) {
    let n = 0;
    for (const b of buckets) {
      this.starts.push(n);
      n += b[3].length;
    }
    this.size = n;
  }

  read(
    from: number,
    to: number,
    fields: readonly StepStateField[],
    visit: (stepId: StepId, state: StepState) => void,
  ): void {
    const scratch = this.scratch;
    for (let b = this.bucketAt(from); b < this.buckets.length && (this.starts[b] as number) < to; b++) {
      const [strings, , , ids, states] = this.buckets[b] as BucketText;
      const start = this.starts[b] as number;
      // A field no step of this bucket has is set absent once, not read per step.
      const columns: Array<{ field: string; read: (i: number) => unknown }> = [];
      for (const field of fields) {
        const read = readField(states, strings, field);
        if (read) columns.push({ field, read });
        else scratch[field] = undefined;
      }
      const end = Math.min(ids.length, to - start);
      for (let i = Math.max(0, from - start); i < end; i++) {
        for (const c of columns) scratch[c.field] = c.read(i);
        visit(strings[ids[i] as number] as StepId, scratch as StepState);
      }
    }
  }

  get(stepId: StepId): StepState | undefined {
    for (const [strings, , , ids, states] of this.buckets) {
      for (let i = 0; i < ids.length; i++) {
        if (strings[ids[i] as number] === stepId) return decodeRow(states, strings, i) as StepState;
      }
    }
    return undefined;
  }

  /** Builds the step states of `count` more buckets (all when omitted); true once all are built. */
  build(count = Number.POSITIVE_INFINITY): boolean {
    const end = Math.min(this.buckets.length, this.builtBuckets + count);
    for (; this.builtBuckets < end; this.builtBuckets++) {
      const [strings, , , ids, states] = this.buckets[this.builtBuckets] as BucketText;
      const rows = decodeRows(states, strings);
      for (let i = 0; i < ids.length; i++)
        this.built[strings[ids[i] as number] as StepId] = rows[i] as StepState;
    }
    return this.builtBuckets === this.buckets.length;
  }

  /** Every step state, built (what `stepStates` becomes). */
  all(): Record<StepId, StepState> {
    this.build();
    return this.built;
  }

  private bucketAt(index: number): number {
    let b = 0;
    while (b + 1 < this.starts.length && (this.starts[b + 1] as number) <= index) b++;
    return b;
  }
}

/**
 * Adds the bucket rows' participants and custom steps to `into`, and their step states packed: its
 * `stepStates` (empty before) becomes a getter that builds them on first read. Returns a function that
 * builds them a few buckets at a time (true once all are: for doing it in slices after a first paint).
 */
export function addPackedStepRows(
  into: ReleaseState,
  rows: readonly StepPackRow[],
): (buckets?: number) => boolean {
  return addParsedStepRows(into, rows.map(parseStepPackRow));
}

/** A bucket row's text parsed (JSON.parse only), for `addParsedStepRows`: to parse in slices. */
export type ParsedStepRow = BucketText;

export function parseStepPackRow(row: StepPackRow): ParsedStepRow {
  return JSON.parse(row.packed) as BucketText;
}

/** `addPackedStepRows` of rows already parsed. */
export function addParsedStepRows(
  into: ReleaseState,
  parsed: readonly ParsedStepRow[],
): (buckets?: number) => boolean {
  const buckets: BucketText[] = [];
  for (const bucket of parsed) {
    const [strings, participants, customSteps] = bucket;
    Object.assign(into.participants, decode(participants, strings));
    Object.assign(into.customSteps, decode(customSteps, strings));
    buckets.push(bucket);
  }
  const packed = new PackedBuckets(buckets);
  if (packed.size === 0) return () => true;
  let settled = false;
  // From here on `stepStates` is a plain record again, and the matrix reads it as for any release.
  const settle = (value: Record<StepId, StepState>) => {
    settled = true;
    // A browser test and the benchmark see when this happened (after the matrix's first paint).
    (globalThis as { performance?: { mark?: (name: string) => unknown } }).performance?.mark?.(
      STEP_STATES_BUILT,
    );
    Object.defineProperty(into, 'stepStates', {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
    setPackedStepStates(into, undefined);
  };
  Object.defineProperty(into, 'stepStates', {
    configurable: true,
    enumerable: true,
    get() {
      const all = packed.all();
      settle(all);
      return all;
    },
    set(value: Record<StepId, StepState>) {
      settle(value);
    },
  });
  setPackedStepStates(into, packed);
  return (count) => {
    if (settled) return true;
    if (!packed.build(count)) return false;
    settle(packed.all());
    return true;
  };
}
