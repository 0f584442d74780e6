/**
 * What every customer-step command shares: finding the step it may change, the ops that write step
 * state, and the history event every change appends (who = ctx.actor, when = ctx.now(), which device,
 * `after` = the newest event of the step known here).
 */
import type { ReleaseOp } from '../change.ts';
import type { CommandContext } from '../context.ts';
import type { Release } from '../entities/release.ts';
import type { HistoryEvent, HistoryEventKind } from '../entities/step-event.ts';
import {
  LEGACY_RUN_FIELDS,
  LEGACY_SNAPSHOT_FIELDS,
  type StepState,
  type StepStateField,
} from '../entities/step-state.ts';
import type { StepStatus } from '../enums.ts';
import { type EventInput, eventsOfSubject, newEvent } from '../history.ts';
import type { ReleaseId, RevId, StepId } from '../ids.ts';
import { findStep, type StepRef } from '../resolve.ts';
import { refuse } from '../result.ts';
import { contentFieldsOf } from '../revisions.ts';
import type { DomainState, ReleaseState } from '../state.ts';
import { editableRelease, type Got } from './guards.ts';
import type { RevisionWriter } from './revision-writer.ts';

export interface StepTarget {
  release: Release;
  doc: ReleaseState;
  ref: StepRef;
}

/**
 * A visible step of an editable release whose customer is not archived. Steps of non-participants, of
 * unknown templates and untouched steps of deleted templates are `step-not-found`.
 */
export function stepForChange(state: DomainState, releaseId: ReleaseId, stepId: StepId): Got<StepTarget> {
  const got = editableRelease(state, releaseId);
  if (!got.ok) return got;
  return stepInRelease(state, got.value.release, got.value.doc, stepId);
}

export function stepInRelease(
  state: DomainState,
  release: Release,
  doc: ReleaseState,
  stepId: StepId,
  field = 'stepId',
): Got<StepTarget> {
  const ref = findStep(doc, stepId);
  if (!ref) return refuse('step-not-found', field);
  const customer = state.catalog.customers[ref.step.customerId];
  if (customer && !customer.isActive) return refuse('customer-archived', field, { customerId: customer.id });
  return { ok: true, value: { release, doc, ref } };
}

/**
 * The revision of what the step shows now (ST-02, ST-09): one it or its template already refers to
 * when that holds exactly this, else a new one. A pending template step that had to get a new one
 * also gives it to its template (RevisionWriter.repairTemplate).
 */
export function shownRevision(ref: StepRef, revs: RevisionWriter): RevId {
  const s = ref.state;
  const own = ref.kind === 'template' ? ref.template.contentRev : ref.custom.contentRev;
  const id = revs.revisionFor(contentFieldsOf(ref.step), [
    s?.snapshotRev,
    s?.execution?.rev,
    s?.overrideRev,
    own,
  ]);
  if (ref.kind === 'template' && ref.step.status === 'pending' && !ref.step.isOverridden)
    revs.repairTemplate(ref.template, id);
  return id;
}

/** Needs a snapshot: leaving pending, or a merge left a non-pending step without one. */
export function needsSnapshot(ref: StepRef): boolean {
  const s = ref.state;
  return (
    ref.step.status === 'pending' ||
    (s?.snapshotRev === undefined && s?.execution === undefined && s?.snapshotContent === undefined)
  );
}

/** What a run replaces of a legacy step (ST-11): its snapshot copies and its run record. */
export const REPLACED_BY_RUN: StepStateField[] = [...LEGACY_SNAPSHOT_FIELDS, ...LEGACY_RUN_FIELDS];

/** The legacy fields of `fields` that this step still has: to remove when writing revisions (ST-11). */
export function presentFields(
  state: StepState | undefined,
  fields: readonly StepStateField[],
): StepStateField[] {
  return state ? fields.filter((f) => state[f] !== undefined) : [];
}

export function stepStateOp(
  releaseId: ReleaseId,
  stepId: StepId,
  fields: StepState,
  unset?: StepStateField[],
): ReleaseOp {
  const op: ReleaseOp = { doc: 'release', releaseId, op: 'put-step-state', id: stepId, fields };
  if (unset && unset.length > 0) op.unset = unset;
  return op;
}

export interface StepEventInput {
  kind: HistoryEventKind;
  from?: StepStatus | null;
  to?: StepStatus | null;
  detail?: Record<string, string | undefined>;
  /** The step's known events, when the caller has an index (bulk); else they are looked up. */
  prior?: readonly HistoryEvent[];
}

export function stepEvent(ctx: CommandContext, target: StepTarget, input: StepEventInput): HistoryEvent {
  const { ref, doc } = target;
  const e: EventInput = {
    releaseId: doc.releaseId,
    kind: input.kind,
    stepId: ref.step.id,
    customerId: ref.step.customerId,
    templateId: ref.step.templateId,
    from: input.from ?? null,
    to: input.to ?? null,
    prior: input.prior ?? eventsOfSubject(doc.events, ref.step.id),
  };
  if (input.detail) e.detail = input.detail;
  return newEvent(ctx, e);
}

export function eventOp(event: HistoryEvent): ReleaseOp {
  return { doc: 'release', releaseId: event.releaseId, op: 'append-event', event };
}
