import { encodeCursor, operations } from '@runsheet/protocol';
import { toWebhookView } from '../../webhooks/webhooks.ts';
import type { ApiDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { route } from '../router.ts';

const ops = operations.webhooks;

/**
 * Outgoing webhooks (WH-01, WH-06, WH-08): admins only (the router refuses everyone else with 403 before
 * a handler runs). Secrets are answered once, at creation; afterwards only their last four characters.
 * Every route is audited, reads as `api.read` and changes as `api.write`, under the webhook's id.
 */
export function webhookRoutes({ webhooks }: ApiDeps) {
  async function found(id: string) {
    const webhook = await webhooks.store.byId(id);
    if (webhook === undefined) throw new ApiError('not-found', { message: `No webhook "${id}".` });
    return webhook;
  }
  const read = { action: 'api.read' as const, entity: () => 'webhooks' };
  const write = {
    action: 'api.write' as const,
    entity: (ctx: { params: Readonly<Record<string, string>> }) => ctx.params.id ?? 'webhooks',
  };
  return [
    /** GET /api/webhooks */
    route(
      ops.webhooks,
      async (ctx) => {
        const rows = await webhooks.store.list();
        ctx.json(200, { webhooks: rows.map(toWebhookView) });
      },
      read,
    ),

    /** POST /api/webhooks {url, events, secret?, description?}: 201 with the secret, shown this once. */
    route(
      ops.createWebhook,
      async (ctx) => {
        const body = await ctx.body();
        const { webhook, secret } = await webhooks.create(
          { ...body, createdBy: ctx.principal.kind === 'open' ? null : ctx.principal.user.id },
          Date.now(),
        );
        ctx.json(201, { webhook: toWebhookView(webhook), secret });
      },
      { action: 'api.write', entity: () => 'webhooks' },
    ),

    /** PATCH /api/webhooks/:id {enabled} */
    route(
      ops.updateWebhook,
      async (ctx) => {
        const { enabled } = await ctx.body();
        if (!(await webhooks.store.setEnabled(ctx.params.id, enabled)))
          throw new ApiError('not-found', { message: `No webhook "${ctx.params.id}".` });
        ctx.json(200, { webhook: toWebhookView(await found(ctx.params.id)) });
      },
      write,
    ),

    /** DELETE /api/webhooks/:id : the webhook and its log; nothing more is sent to it. */
    route(
      ops.deleteWebhook,
      async (ctx) => {
        if (!(await webhooks.store.delete(ctx.params.id)))
          throw new ApiError('not-found', { message: `No webhook "${ctx.params.id}".` });
        ctx.noContent();
      },
      write,
    ),

    /** GET /api/webhooks/:id/deliveries?limit&cursor : newest first. */
    route(
      ops.deliveries,
      async (ctx) => {
        await found(ctx.params.id);
        const { limit, cursor } = ctx.queryValues;
        const rows = await webhooks.store.deliveries(ctx.params.id, {
          limit: limit + 1,
          beforeId: cursor?.[0],
        });
        const items = rows.slice(0, limit);
        const last = items.at(-1);
        ctx.json(200, {
          items: items.map(({ webhookId: _, ...row }) => ({ ...row, at: new Date(row.at).toISOString() })),
          nextCursor: rows.length > limit && last ? encodeCursor([last.id]) : null,
        });
      },
      { action: 'api.read', entity: (ctx) => ctx.params.id ?? 'webhooks' },
    ),

    /** POST /api/webhooks/:id/test : queues a `webhook.test` event (sent even when not subscribed). */
    route(
      ops.testWebhook,
      async (ctx) => {
        const webhook = await found(ctx.params.id);
        if (!webhook.enabled)
          throw new ApiError('not-found', { message: 'This webhook is disabled: enable it to send to it.' });
        const eventId = await webhooks.dispatcher.sendTest(webhook);
        ctx.json(202, { eventId });
      },
      write,
    ),
  ];
}
