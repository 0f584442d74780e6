/** Words for history events, shared by the step timeline and the dashboard's recent activity. */
import type { HistoryEvent } from '@runsheet/domain';

export const KIND_TEXT: Partial<Record<HistoryEvent['kind'], string>> = {
  done: 'Marked done',
  skipped: 'Skipped',
  reverted: 'Reverted',
  reopened: 'Reopened',
  overridden: 'Content overridden',
  'reset-to-template': 'Reset to template',
  notes: 'Notes changed',
  'custom-added': 'Custom step added',
  'custom-edited': 'Custom step edited',
  'custom-deleted': 'Custom step deleted',
  'conflict-reviewed': 'Conflict reviewed',
};

/** One line of what happened, e.g. "Skipped: not used on this cluster". */
export function describeEvent(event: HistoryEvent): string {
  const base = KIND_TEXT[event.kind] ?? event.kind;
  const why = event.detail.reason ?? event.detail.note;
  if (why) return `${base}: ${why}`;
  if (event.kind === 'done' && event.detail.notes) return `${base} (notes: ${event.detail.notes})`;
  if (event.kind === 'notes') return event.detail.notes ? `${base}: ${event.detail.notes}` : 'Notes removed';
  return base;
}
