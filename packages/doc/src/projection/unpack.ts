/**
 * From projection rows back to plain state: a release's ReleaseState (the same shape, and the same
 * contents, as the document's mirror gives), or parts of it. Pure.
 */
import {
  emptyReleaseState,
  type HistoryEvent,
  type ReleaseId,
  type ReleaseState,
  type StepTemplate,
  type TemplateId,
} from '@runsheet/domain';
import { unpack } from './pack-codec.ts';
import type { BucketSteps, EventPackRow, RevisionRow, StepPackRow, TemplatePackRow } from './rows.ts';

/** Every row of one release. */
export interface ReleaseRows {
  /** The release's template row, if it has one. */
  templates: TemplatePackRow | undefined;
  revisions: readonly (RevisionRow | undefined)[];
  steps: readonly StepPackRow[];
  events: readonly EventPackRow[];
}

export function templatesOf(row: TemplatePackRow): Record<TemplateId, StepTemplate> {
  return unpack<Record<TemplateId, StepTemplate>>(row.packed);
}

export function bucketStepsOf(row: StepPackRow): BucketSteps {
  return unpack<BucketSteps>(row.packed);
}

/** The events of some chunks in document order (chunks in any order). */
export function eventsOf(rows: readonly EventPackRow[]): HistoryEvent[] {
  const sorted = [...rows].sort((a, b) => a.chunk - b.chunk);
  const out: HistoryEvent[] = [];
  for (const row of sorted) for (const e of unpack<HistoryEvent[]>(row.packed)) out.push(e);
  return out;
}

/** Adds a bucket row's participants and steps to `into`. */
export function addStepPackRow(into: ReleaseState, row: StepPackRow): void {
  const steps = bucketStepsOf(row);
  Object.assign(into.participants, steps.participants);
  Object.assign(into.stepStates, steps.stepStates);
  Object.assign(into.customSteps, steps.customSteps);
}

export interface ReleaseFromRowsOptions {
  /**
   * Decode the history on its first read instead of now. The matrix and progress never read it, so the
   * first paint of a finished release does not pay for 50,000 events; the step history does, once.
   */
  lazyEvents?: boolean;
}

/** A release as plain state, rebuilt from its rows. */
export function releaseFromRows(
  releaseId: ReleaseId,
  rows: ReleaseRows,
  options: ReleaseFromRowsOptions = {},
): ReleaseState {
  const state = emptyReleaseState(releaseId);
  if (rows.templates) state.templates = templatesOf(rows.templates);
  for (const row of rows.revisions) {
    if (!row) continue; // referred to, not arrived yet (domain ST-12)
    const { id, releaseId: _r, ...revision } = row;
    state.revisions[id] = revision;
  }
  for (const row of rows.steps) addStepPackRow(state, row);
  if (!options.lazyEvents) {
    state.events = eventsOf(rows.events);
    return state;
  }
  const chunks = rows.events;
  Object.defineProperty(state, 'events', {
    configurable: true,
    enumerable: true,
    get() {
      const events = eventsOf(chunks);
      Object.defineProperty(state, 'events', { value: events, writable: true, enumerable: true });
      return events;
    },
  });
  return state;
}
