/**
 * The rollout's own history (release page timeline, report): waves planned and changed, sign-offs,
 * openings, halts and resumes, in document order. A sign-off or opening that a halt made apart from it
 * voided stays here, flagged (MR-08).
 */
import type { HistoryEvent } from '../entities/step-event.ts';
import type { ReleaseId } from '../ids.ts';
import { readRolloutLog } from '../rollout-log.ts';
import type { DomainState } from '../state.ts';

export interface RolloutEntry {
  event: HistoryEvent;
  /** Voided by a halt made apart from it: it does not count (MR-08). */
  flagged: boolean;
}

export function rolloutHistory(state: DomainState, releaseId: ReleaseId): RolloutEntry[] {
  const doc = state.releases[releaseId];
  if (!doc) return [];
  const log = readRolloutLog(doc.events);
  return log.events.map((event) => ({ event, flagged: log.voided.has(event.id) }));
}
