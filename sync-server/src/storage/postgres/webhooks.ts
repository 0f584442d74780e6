import type { WebhookDeliveryRow, WebhookRow, WebhookStore } from '../contract.ts';
import type { Pool } from './pool.ts';

interface Row {
  id: string;
  url: string;
  events: string;
  description: string;
  secret: string;
  enabled: boolean;
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
  ok: boolean;
  duration_ms: number;
  at: number;
}

const fromRow = (row: Row): WebhookRow => ({
  id: row.id,
  url: row.url,
  events: JSON.parse(row.events) as string[],
  description: row.description,
  secret: row.secret,
  enabled: row.enabled,
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
  ok: row.ok,
  durationMs: row.duration_ms,
  at: row.at,
});

export function createWebhookStore(pool: Pool): WebhookStore {
  return {
    async insert(w) {
      await pool.query(
        `INSERT INTO webhooks (id, url, events, description, secret, enabled, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [w.id, w.url, JSON.stringify(w.events), w.description, w.secret, w.enabled, w.createdAt, w.createdBy],
      );
    },
    async byId(id) {
      const { rows } = await pool.query<Row>('SELECT * FROM webhooks WHERE id = $1', [id]);
      return rows[0] && fromRow(rows[0]);
    },
    async list() {
      const { rows } = await pool.query<Row>('SELECT * FROM webhooks ORDER BY created_at, id');
      return rows.map(fromRow);
    },
    async setEnabled(id, enabled) {
      const result = await pool.query('UPDATE webhooks SET enabled = $1 WHERE id = $2', [enabled, id]);
      return result.rowCount === 1;
    },
    async delete(id) {
      const result = await pool.query('DELETE FROM webhooks WHERE id = $1', [id]);
      return result.rowCount === 1;
    },
    async claimEvent(webhookId, eventId, at) {
      // The primary key decides, across relays: the second claim inserts nothing.
      const result = await pool.query(
        `INSERT INTO webhook_events (webhook_id, event_id, claimed_at) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING`,
        [webhookId, eventId, at],
      );
      return result.rowCount === 1;
    },
    async appendDelivery(d) {
      await pool.query(
        `INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, attempt, status, error, ok, duration_ms, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          d.webhookId,
          d.eventId,
          d.eventType,
          d.attempt,
          d.status,
          d.error,
          d.ok,
          Math.round(d.durationMs),
          d.at,
        ],
      );
    },
    async deliveries(webhookId, { limit, beforeId }) {
      const { rows } = await pool.query<DeliveryRow>(
        `SELECT * FROM webhook_deliveries WHERE webhook_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3`,
        [webhookId, beforeId ?? Number.MAX_SAFE_INTEGER, limit],
      );
      return rows.map(fromDelivery);
    },
  };
}
