/** Outgoing webhooks (WH-01..WH-09): admins only. */
import { z } from 'zod';
import { defineOperation } from '../operation.ts';
import {
  CreatedWebhookAnswer,
  CreateWebhookRequest,
  TestEventAnswer,
  UpdateWebhookRequest,
  WebhookAnswer,
  WebhookDeliveriesAnswer,
  WebhookDeliveriesQuery,
  WebhooksAnswer,
} from '../schemas/webhooks.ts';

const tag = 'Webhooks';
const webhookId = z.object({ id: z.string().min(1).max(256).meta({ description: 'A webhook id' }) });

export const webhookOperations = {
  webhooks: defineOperation({
    id: 'listWebhooks',
    method: 'GET',
    path: '/api/webhooks',
    access: 'admin',
    tag,
    summary: 'Every outgoing webhook (admins); never their secrets',
    answers: { 200: { description: 'The webhooks', schema: WebhooksAnswer } },
  }),
  createWebhook: defineOperation({
    id: 'createWebhook',
    method: 'POST',
    path: '/api/webhooks',
    access: 'admin',
    tag,
    summary: 'Add a webhook (admins): a URL, the events it hears, a signing secret shown this once',
    description:
      'Each event is POSTed as JSON with `Runsheet-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, ' +
      '`Runsheet-Event` and `Runsheet-Delivery`. Failed attempts are retried with exponential backoff.',
    body: CreateWebhookRequest,
    answers: { 201: { description: 'The webhook and its secret', schema: CreatedWebhookAnswer } },
  }),
  updateWebhook: defineOperation({
    id: 'updateWebhook',
    method: 'PATCH',
    path: '/api/webhooks/:id',
    access: 'admin',
    tag,
    summary: 'Enable or disable a webhook (admins); a disabled one is sent nothing',
    params: webhookId,
    body: UpdateWebhookRequest,
    answers: { 200: { description: 'The webhook after the change', schema: WebhookAnswer } },
    errors: ['not-found'],
  }),
  deleteWebhook: defineOperation({
    id: 'deleteWebhook',
    method: 'DELETE',
    path: '/api/webhooks/:id',
    access: 'admin',
    tag,
    summary: 'Delete a webhook and its delivery log (admins)',
    params: webhookId,
    answers: { 204: { description: 'Deleted' } },
    errors: ['not-found'],
  }),
  deliveries: defineOperation({
    id: 'listWebhookDeliveries',
    method: 'GET',
    path: '/api/webhooks/:id/deliveries',
    access: 'admin',
    tag,
    summary:
      'The delivery log of a webhook (admins): every attempt, its status or error, and how long it took',
    params: webhookId,
    query: WebhookDeliveriesQuery,
    answers: { 200: { description: 'Newest first', schema: WebhookDeliveriesAnswer } },
    errors: ['not-found'],
  }),
  testWebhook: defineOperation({
    id: 'sendWebhookTestEvent',
    method: 'POST',
    path: '/api/webhooks/:id/test',
    access: 'admin',
    tag,
    summary: 'Send a `webhook.test` event now (admins); the delivery log shows how it went',
    params: webhookId,
    answers: { 202: { description: 'Queued', schema: TestEventAnswer } },
    errors: ['not-found'],
  }),
};
