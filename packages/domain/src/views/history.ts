/**
 * History views: one step's timeline (side panel, FV-007) and recent activity across the
 * loaded releases (dashboard, FV-001). Events are shown with a flag when a conflict lost their outcome
 * (MR-03: the other action stays in history, flagged).
 */

import type { HistoryEvent } from '../entities/step-event.ts';
import type { EventId, ReleaseId, StepId } from '../ids.ts';
import { listReleaseConflicts } from '../merge-conflicts.ts';
import { compareStrings } from '../ordering.ts';
import type { DomainState } from '../state.ts';
import { type EventContent, eventContent } from './event-content.ts';

export interface TimelineEntry {
  event: HistoryEvent;
  /** Its outcome lost a status conflict that nobody reviewed yet. */
  flagged: boolean;
  /** The content the event refers to, as text (HI-03). */
  content: EventContent;
}

/** Events whose outcome lost an unreviewed status conflict, in one release. */
export function flaggedEventIds(state: DomainState, releaseId: ReleaseId): Set<EventId> {
  const doc = state.releases[releaseId];
  const out = new Set<EventId>();
  if (!doc) return out;
  for (const c of listReleaseConflicts(doc)) {
    if (c.kind === 'status-conflict') for (const id of c.flaggedEventIds) out.add(id);
  }
  return out;
}

/** A step's history in document order (the order it was written and merged). */
export function stepHistory(state: DomainState, releaseId: ReleaseId, stepId: StepId): TimelineEntry[] {
  const doc = state.releases[releaseId];
  if (!doc) return [];
  const flagged = flaggedEventIds(state, releaseId);
  return doc.events
    .filter((e) => e.stepId === stepId)
    .map((event) => ({
      event,
      flagged: flagged.has(event.id),
      content: eventContent(doc.revisions, event),
    }));
}

/** The newest events of the loaded releases, newest first (by time, then id, so every device agrees). */
export function recentActivity(
  state: DomainState,
  options: { limit?: number; releaseIds?: readonly ReleaseId[] } = {},
): HistoryEvent[] {
  const limit = options.limit ?? 20;
  const ids = options.releaseIds ?? (Object.keys(state.releases) as ReleaseId[]);
  const all: HistoryEvent[] = [];
  for (const id of ids) for (const e of state.releases[id]?.events ?? []) all.push(e);
  all.sort((a, b) => compareStrings(b.at, a.at) || compareStrings(b.id, a.id));
  return all.slice(0, limit);
}
