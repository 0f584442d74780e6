/**
 * Who last changed a step's status, and when, from the release history (HI-01): the newest status event
 * of each step in document order. Steps without one (migrated data) fall back to their own record.
 */
import type { HistoryEvent } from '../entities/step-event.ts';
import type { StepId } from '../ids.ts';
import type { ReleaseState } from '../state.ts';

const STATUS_KINDS = new Set(['done', 'skipped', 'reverted', 'reopened']);

export function lastStatusEvents(doc: ReleaseState | undefined): Map<StepId, HistoryEvent> {
  const out = new Map<StepId, HistoryEvent>();
  for (const e of doc?.events ?? []) if (e.stepId && STATUS_KINDS.has(e.kind)) out.set(e.stepId, e);
  return out;
}

export function isStatusEvent(e: HistoryEvent): boolean {
  return e.stepId !== null && STATUS_KINDS.has(e.kind);
}
