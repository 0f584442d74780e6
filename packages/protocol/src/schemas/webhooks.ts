/** Outgoing webhooks (WH-01..WH-09): what an admin sends to create one, and what the API answers. */
import { z } from 'zod';
import { cursorParam } from '../cursor.ts';
import { limitParam, nextCursor } from './common.ts';

/**
 * The events a webhook can ask for (WH-02). `webhook.test` is only ever sent by "Send test event" and
 * needs no subscription.
 */
export const WEBHOOK_EVENT_TYPES = [
  'gate.ready_for_sign_off',
  'gate.opened',
  'rollout.halted',
  'rollout.resumed',
  'wave.completed',
  'release.completed',
  'step.skipped',
  'step.reverted',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
export const WEBHOOK_TEST_EVENT = 'webhook.test';

/** The longest URL accepted; receivers rarely have longer ones and the log repeats it. */
export const WEBHOOK_URL_MAX = 2048;
export const WEBHOOK_SECRET_MIN = 16;
export const WEBHOOK_SECRET_MAX = 256;

const URL_MESSAGE = 'use an http:// or https:// address, e.g. https://ci.example.com/hooks/runsheet';

/**
 * WH-01: an absolute http(s) URL with a host and no user name or password in it (a secret in a URL ends up
 * in logs; the signing secret is what proves the sender). Loopback and private addresses are allowed:
 * the URL is set by an admin (docs/SECURITY.md says why).
 */
export function webhookUrlProblem(value: string): string | null {
  // Read by hand: this package runs where no URL class is typed (no DOM, no Node types). Scheme, then
  // the authority up to the first "/", "?" or "#"; no blanks anywhere.
  const match = /^(https?):\/\/([^/?#]*)([/?#][^\s]*)?$/i.exec(value);
  if (match === null || /\s/.test(value)) return URL_MESSAGE;
  const authority = match[2] ?? '';
  if (authority.includes('@'))
    return 'leave the user name and password out of the address; the secret signs each request';
  const host = authority.replace(/:[0-9]*$/, '');
  if (host === '' || host === '[]') return URL_MESSAGE;
  return null;
}

export const webhookUrl = z
  .string()
  .max(WEBHOOK_URL_MAX, { error: `use at most ${WEBHOOK_URL_MAX} characters` })
  .superRefine((value, ctx) => {
    const problem = webhookUrlProblem(value.trim());
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((value) => value.trim())
  .meta({
    description: 'Where events are POSTed: http:// or https://, no user name or password',
    // The rule above as a JSON Schema pattern, so the OpenAPI document (and the fuzzer) know it. A little
    // stricter than the code (no IPv6 literal), never looser: what matches it is accepted.
    pattern: '^[ \\t\\n\\r]*[Hh][Tt][Tt][Pp][Ss]?://[^/?#\\s@:\\[\\]]+(:[0-9]*)?([/?#]\\S*)?[ \\t\\n\\r]*$',
  });

export const CreateWebhookRequest = z
  .strictObject({
    url: webhookUrl,
    events: z
      .array(z.enum(WEBHOOK_EVENT_TYPES))
      .min(1, { error: 'choose at least one event' })
      .max(WEBHOOK_EVENT_TYPES.length)
      .transform((events) => [...new Set(events)]),
    secret: z
      .string()
      .min(WEBHOOK_SECRET_MIN, { error: `use at least ${WEBHOOK_SECRET_MIN} characters` })
      .max(WEBHOOK_SECRET_MAX, { error: `use at most ${WEBHOOK_SECRET_MAX} characters` })
      .optional()
      .meta({
        description:
          'The HMAC-SHA256 key receivers verify with; leave it out and the server makes one (shown once)',
      }),
    description: z.string().max(200).optional(),
  })
  .meta({ id: 'CreateWebhookRequest' });

export const UpdateWebhookRequest = z
  .strictObject({ enabled: z.boolean() })
  .meta({ id: 'UpdateWebhookRequest' });

export const WebhookView = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
    description: z.string(),
    enabled: z.boolean(),
    secretHint: z.string().meta({ description: 'The secret’s last four characters; never the secret' }),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
  })
  .meta({ id: 'Webhook' });
export type WebhookView = z.infer<typeof WebhookView>;

export const WebhooksAnswer = z.object({ webhooks: z.array(WebhookView) }).meta({ id: 'Webhooks' });
export const WebhookAnswer = z.object({ webhook: WebhookView }).meta({ id: 'WebhookAnswer' });
export const CreatedWebhookAnswer = z
  .object({
    webhook: WebhookView,
    secret: z.string().meta({ description: 'The signing secret, shown this once, never again' }),
  })
  .meta({ id: 'CreatedWebhook' });

export const WebhookDeliveryView = z
  .object({
    id: z.number().int(),
    eventId: z.string(),
    eventType: z.string(),
    attempt: z.number().int().meta({ description: '1 for the first try' }),
    status: z.number().int().nullable().meta({ description: 'The receiver’s HTTP status; null if none' }),
    error: z
      .string()
      .nullable()
      .meta({ description: '`timeout`, `connection: …`, `queue-full`; null when the receiver answered' }),
    ok: z.boolean(),
    durationMs: z.number().int(),
    at: z.string(),
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDeliveryView = z.infer<typeof WebhookDeliveryView>;

export const WebhookDeliveriesQuery = z.object({
  limit: limitParam(200, 50),
  /** The id of the last row of the previous page. */
  cursor: cursorParam(['int']),
});

export const WebhookDeliveriesAnswer = z
  .object({ items: z.array(WebhookDeliveryView), nextCursor })
  .meta({ id: 'WebhookDeliveries', description: 'Newest first' });

export const TestEventAnswer = z
  .object({ eventId: z.string().meta({ description: 'The id the test event is sent with' }) })
  .meta({ id: 'WebhookTestEvent' });
