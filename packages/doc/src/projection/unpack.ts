/**
 * From projection rows back to plain state: a release's ReleaseState (the same shape, and the same
 * contents, as the document's mirror gives), or parts of it. Pure.
 */
import { emptyReleaseState, type HistoryEvent, type ReleaseId, type ReleaseState } from '@runsheet/domain';
import { unpack } from './pack-codec.ts';
import { unpackBucket, unpackBucketInto, unpackEvents } from './packed-rows.ts';
import type {
  BucketSteps,
  EventPackRow,
  HeadPackRow,
  ReleaseHead,
  RevisionRow,
  StepPackRow,
} from './rows.ts';

/** Every row of one release (`events` left out: the history is read apart, see setEvents). */
export interface ReleaseRows {
  /** The release's head row, if it has one. */
  head: HeadPackRow | undefined;
  revisions: readonly (RevisionRow | undefined)[];
  steps: readonly StepPackRow[];
  events?: readonly EventPackRow[];
}

export function headOf(row: HeadPackRow): ReleaseHead {
  return unpack<ReleaseHead>(row.packed);
}

export function bucketStepsOf(row: StepPackRow): BucketSteps {
  return unpackBucket(row.packed);
}

/** The events of some chunks in document order (chunks in any order). */
export function eventsOf(rows: readonly EventPackRow[]): HistoryEvent[] {
  const sorted = [...rows].sort((a, b) => a.chunk - b.chunk);
  const out: HistoryEvent[] = [];
  for (const row of sorted) for (const e of unpackEvents(row.packed)) out.push(e);
  return out;
}

/** Adds a bucket row's participants and steps to `into`. */
export function addStepPackRow(into: ReleaseState, row: StepPackRow): void {
  unpackBucketInto(row.packed, into);
}

export interface ReleaseFromRowsOptions {
  /**
   * Decode the history on its first read instead of now. The matrix and progress never read it, so the
   * first paint of a finished release does not pay for 50,000 events; the step history does, once.
   */
  lazyEvents?: boolean;
}

/** A release as plain state, rebuilt from its rows (its history empty when `rows.events` is left out). */
export function releaseFromRows(
  releaseId: ReleaseId,
  rows: ReleaseRows,
  options: ReleaseFromRowsOptions = {},
): ReleaseState {
  const state = emptyReleaseState(releaseId);
  if (rows.head) Object.assign(state, headOf(rows.head));
  for (const row of rows.revisions) {
    if (!row) continue; // referred to, not arrived yet (domain ST-12)
    const { id, releaseId: _r, ...revision } = row;
    state.revisions[id] = revision;
  }
  for (const row of rows.steps) addStepPackRow(state, row);
  if (rows.events) setEvents(state, rows.events, options);
  return state;
}

/** Sets a release's history from its chunk rows, now or (lazyEvents) on its first read. */
export function setEvents(
  state: ReleaseState,
  chunks: readonly EventPackRow[],
  options: ReleaseFromRowsOptions = {},
): void {
  if (!options.lazyEvents) {
    Object.defineProperty(state, 'events', {
      value: eventsOf(chunks),
      writable: true,
      enumerable: true,
      configurable: true,
    });
    return;
  }
  Object.defineProperty(state, 'events', {
    configurable: true,
    enumerable: true,
    get() {
      const events = eventsOf(chunks);
      Object.defineProperty(state, 'events', {
        value: events,
        writable: true,
        enumerable: true,
        configurable: true,
      });
      return events;
    },
  });
}
