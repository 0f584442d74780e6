import type { WebhookDeliveryRow, WebhookRow, WebhookStore } from '../contract.ts';
import type { Db } from './database.ts';
import type { Sync } from './sync.ts';

interface Row {
  id: string;
  url: string;
  events: string;
  description: string;
  secret: string;
  enabled: number;
  created_at: number;
  created_by: string | null;
}

interface DeliveryRow {
  id: number;
  webhook_id: string;
  event_id: string;
  event_type: string;
  attempt: number;
  status: number | null;
  error: string | null;
  ok: number;
  duration_ms: number;
  at: number;
}

const fromRow = (row: Row): WebhookRow => ({
  id: row.id,
  url: row.url,
  events: JSON.parse(row.events) as string[],
  description: row.description,
  secret: row.secret,
  enabled: row.enabled === 1,
  createdAt: row.created_at,
  createdBy: row.created_by,
});

const fromDelivery = (row: DeliveryRow): WebhookDeliveryRow => ({
  id: row.id,
  webhookId: row.webhook_id,
  eventId: row.event_id,
  eventType: row.event_type,
  attempt: row.attempt,
  status: row.status,
  error: row.error,
  ok: row.ok === 1,
  durationMs: row.duration_ms,
  at: row.at,
});

export function createWebhookStore(db: Db): Sync<WebhookStore> {
  const insert = db.prepare(
    `INSERT INTO webhooks (id, url, events, description, secret, enabled, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare<[string], Row>('SELECT * FROM webhooks WHERE id = ?');
  const list = db.prepare<[], Row>('SELECT * FROM webhooks ORDER BY created_at, id');
  const setEnabled = db.prepare<[number, string]>('UPDATE webhooks SET enabled = ? WHERE id = ?');
  const remove = db.prepare<[string]>('DELETE FROM webhooks WHERE id = ?');
  // The primary key decides: the second claim of the same event inserts nothing.
  const claim = db.prepare<[string, string, number]>(
    'INSERT INTO webhook_events (webhook_id, event_id, claimed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const append = db.prepare(
    `INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, attempt, status, error, ok, duration_ms, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const deliveries = db.prepare<[string, number, number], DeliveryRow>(
    'SELECT * FROM webhook_deliveries WHERE webhook_id = ? AND id < ? ORDER BY id DESC LIMIT ?',
  );

  return {
    insert: (w) =>
      void insert.run(
        w.id,
        w.url,
        JSON.stringify(w.events),
        w.description,
        w.secret,
        w.enabled ? 1 : 0,
        w.createdAt,
        w.createdBy,
      ),
    byId: (id) => {
      const row = byId.get(id);
      return row && fromRow(row);
    },
    list: () => list.all().map(fromRow),
    setEnabled: (id, enabled) => setEnabled.run(enabled ? 1 : 0, id).changes === 1,
    delete: (id) => remove.run(id).changes === 1,
    claimEvent: (webhookId, eventId, at) => claim.run(webhookId, eventId, at).changes === 1,
    appendDelivery: (d) =>
      void append.run(
        d.webhookId,
        d.eventId,
        d.eventType,
        d.attempt,
        d.status,
        d.error,
        d.ok ? 1 : 0,
        Math.round(d.durationMs),
        d.at,
      ),
    deliveries: (webhookId, { limit, beforeId }) =>
      deliveries.all(webhookId, beforeId ?? Number.MAX_SAFE_INTEGER, limit).map(fromDelivery),
  };
}
