import type { WebhookDeliveryEntry, WebhookStore } from '../contract.ts';
import {
  type DeliveryDbRow as DeliveryRow,
  deliveryFromRow as fromDelivery,
  webhookFromRow as fromRow,
  type WebhookDbRow as Row,
} from '../rows.ts';
import {
  fromJobRow,
  type HeldRow,
  type JobRow,
  pickFair,
  slotsInUse,
  TAKE_CANDIDATES,
} from '../webhook-jobs.ts';
import { inTransaction, LOCK_SPACE, type Pool, type PoolClient } from './pool.ts';

const deliveryParams = (d: WebhookDeliveryEntry) => [
  d.webhookId,
  d.eventId,
  d.eventType,
  d.attempt,
  d.status,
  d.error,
  d.ok,
  Math.round(d.durationMs),
  d.at,
];

/** Appends one log row, unless the webhook was deleted meanwhile (its log went with it). */
async function appendIfWebhookExists(client: PoolClient, d: WebhookDeliveryEntry): Promise<void> {
  await client.query(
    `INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, attempt, status, error, ok, duration_ms, at)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 WHERE EXISTS (SELECT 1 FROM webhooks WHERE id = $1)`,
    deliveryParams(d),
  );
}

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
        deliveryParams(d),
      );
    },
    enqueue(job, { claim, maxQueue, at }) {
      return inTransaction(pool, async (client) => {
        if (claim) {
          const claimed = await client.query(
            `INSERT INTO webhook_events (webhook_id, event_id, claimed_at) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING`,
            [job.webhookId, job.eventId, at],
          );
          if (claimed.rowCount !== 1) return 'claimed-before';
        }
        // A bound, not an exact count under concurrency: two relays may each add one past it.
        const { rows } = await client.query<{ count: number }>(
          'SELECT count(*)::int AS count FROM webhook_jobs',
        );
        if ((rows[0]?.count ?? 0) >= maxQueue) return 'queue-full';
        await client.query(
          `INSERT INTO webhook_jobs (delivery_id, webhook_id, event_id, event_type, body, attempt, due_at, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            job.deliveryId,
            job.webhookId,
            job.eventId,
            job.eventType,
            job.body,
            job.attempt,
            job.dueAt,
            job.createdAt,
          ],
        );
        return 'queued';
      });
    },
    take(t) {
      return inTransaction(pool, async (client) => {
        // WH-06 for the cluster: every relay's leases count against a webhook's slots, and takes run one
        // after another across relays (this lock, held until COMMIT), so two relays taking at the same
        // moment cannot both fill the same free slot.
        // A relay stuck while holding the lock must not stop every other relay's deliveries: waiting for
        // it ends after a few seconds (the take fails, and the dispatcher tries again at its next poll).
        await client.query("SET LOCAL lock_timeout = '5s'");
        await client.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCK_SPACE.webhookTake]);
        const { rows: held } = await client.query<HeldRow>(
          `SELECT webhook_id, count(*)::int AS n FROM webhook_jobs
            WHERE lease_until > $1 AND lease_owner <> $2 GROUP BY webhook_id`,
          [t.now, t.owner],
        );
        // At most `perWebhook` candidates per webhook, so one webhook's backlog cannot hide the others' (WH-06).
        const { rows: candidates } = await client.query<JobRow>(
          `SELECT * FROM (
             SELECT *, row_number() OVER (PARTITION BY webhook_id ORDER BY due_at, seq) AS n FROM webhook_jobs
              WHERE due_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
           ) AS due WHERE n <= $2 ORDER BY due_at, seq LIMIT $3`,
          [t.now, t.perWebhook, TAKE_CANDIDATES],
        );
        const picked = pickFair(candidates, { ...t, busy: slotsInUse(t.busy, held) });
        if (picked.length === 0) return [];
        // WH-11: the condition is checked again under each row's lock (READ COMMITTED re-reads a row another
        // relay updated first), so when two relays pick the same row only one lease takes.
        const { rows } = await client.query<JobRow & { seq: number }>(
          `UPDATE webhook_jobs SET lease_owner = $1, lease_until = $2
            WHERE delivery_id = ANY($3) AND due_at <= $4 AND (lease_until IS NULL OR lease_until <= $4)
            RETURNING *`,
          [t.owner, t.leaseUntil, picked.map((row) => row.delivery_id), t.now],
        );
        return rows.sort((a, b) => a.due_at - b.due_at || a.seq - b.seq).map(fromJobRow);
      });
    },
    finish(deliveryId, owner, outcome) {
      return inTransaction(pool, async (client) => {
        if (outcome !== null) await appendIfWebhookExists(client, outcome.entry);
        const result =
          outcome === null || outcome.retryAt === null
            ? await client.query('DELETE FROM webhook_jobs WHERE delivery_id = $1 AND lease_owner = $2', [
                deliveryId,
                owner,
              ])
            : await client.query(
                `UPDATE webhook_jobs SET attempt = attempt + 1, due_at = $1, lease_owner = NULL, lease_until = NULL
                  WHERE delivery_id = $2 AND lease_owner = $3`,
                [outcome.retryAt, deliveryId, owner],
              );
        return result.rowCount === 1;
      });
    },
    async release(deliveryId, owner) {
      await pool.query(
        'UPDATE webhook_jobs SET lease_owner = NULL, lease_until = NULL WHERE delivery_id = $1 AND lease_owner = $2',
        [deliveryId, owner],
      );
    },
    async queued() {
      const { rows } = await pool.query<{ count: number; next: number | null }>(
        `SELECT count(*)::int AS count,
                min(CASE WHEN lease_until IS NULL THEN due_at ELSE GREATEST(due_at, lease_until) END) AS next
           FROM webhook_jobs`,
      );
      return { count: rows[0]?.count ?? 0, nextDueAt: rows[0]?.next ?? null };
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
