import { z } from 'zod';
import { stepStatusSchema } from '../enums.ts';
import { idSchema } from '../ids.ts';
import { timestampSchema } from './common.ts';

export const STEP_EVENT_KINDS = [
  'done',
  'skipped',
  'reverted',
  'reopened',
  'overridden',
  'reset-to-template',
  'notes',
  'custom-added',
  'custom-edited',
  'custom-deleted',
  'conflict-reviewed',
] as const;
export const RELEASE_EVENT_KINDS = [
  'release-activated',
  'customers-added',
  'template-added',
  'template-edited',
  'template-deleted',
  'templates-reordered',
] as const;
/**
 * Events of the rollout (waves, gates, halt). They share one causal chain per release, the subject
 * `rollout` (history.ts), so "this sign-off was made without knowing of that halt" is a fact of the
 * data, not of device clocks (MR-08). The wave an event is about is `detail.wave`.
 */
export const ROLLOUT_EVENT_KINDS = [
  'waves-planned',
  'wave-added',
  'wave-edited',
  'wave-deleted',
  'wave-members-set',
  'gate-signed-off',
  'gate-opened',
  'rollout-halted',
  'rollout-resumed',
] as const;

/**
 * One entry of a release's history (append-only). Step events carry `after`: the id of the newest event
 * of the same step this device knew when it acted. Two events of one step with the same `after` were made
 * apart from each other; if they disagree, that is a conflict to show (see conflicts.ts).
 */
export const historyEventSchema = z.object({
  id: idSchema('event'),
  releaseId: idSchema('release'),
  kind: z.enum([...STEP_EVENT_KINDS, ...RELEASE_EVENT_KINDS, ...ROLLOUT_EVENT_KINDS]),
  at: timestampSchema,
  by: z.string(),
  byName: z.string(),
  device: z.string(),
  stepId: idSchema('step').nullable(),
  customerId: idSchema('customer').nullable(),
  templateId: idSchema('template').nullable(),
  after: idSchema('event').nullable(),
  from: stepStatusSchema.nullable(),
  to: stepStatusSchema.nullable(),
  /** Notes, reasons, the content involved, counts: whatever the kind needs, as strings. */
  detail: z.record(z.string(), z.string()),
});
export type HistoryEvent = z.infer<typeof historyEventSchema>;
export type HistoryEventKind = HistoryEvent['kind'];

export type RolloutEventKind = (typeof ROLLOUT_EVENT_KINDS)[number];

const ROLLOUT_KINDS: ReadonlySet<string> = new Set(ROLLOUT_EVENT_KINDS);

export function isRolloutEvent(event: HistoryEvent): boolean {
  return ROLLOUT_KINDS.has(event.kind);
}
