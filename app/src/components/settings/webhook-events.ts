/** The webhook event types as people read them in Settings (WH-02). */
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@runsheet/protocol';

export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  'gate.ready_for_sign_off': 'Gate ready for sign-off',
  'gate.opened': 'Gate opened',
  'rollout.halted': 'Rollout halted',
  'rollout.resumed': 'Rollout resumed',
  'wave.completed': 'Wave complete',
  'release.completed': 'Release complete',
  'step.skipped': 'Step skipped',
  'step.reverted': 'Step reverted',
};

export const WEBHOOK_EVENT_CHOICES = WEBHOOK_EVENT_TYPES.map((type) => ({
  type,
  label: WEBHOOK_EVENT_LABELS[type],
}));

export function eventLabel(type: string): string {
  return WEBHOOK_EVENT_LABELS[type as WebhookEventType] ?? (type === 'webhook.test' ? 'Test event' : type);
}
