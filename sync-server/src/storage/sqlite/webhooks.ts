import type { WebhookStore } from '../contract.ts';
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
import type { Db } from './database.ts';
import type { Sync } from './sync.ts';

export function createWebhookStore(db: Db): Sync<WebhookStore> {
  // One process owns the SQLite file: a lease found when it opens was taken by a process that died mid-
  // attempt (kill -9, a crash). Its job is due again now rather than when the lease would have ended.
  db.prepare(
    'UPDATE webhook_jobs SET lease_owner = NULL, lease_until = NULL WHERE lease_owner IS NOT NULL',
  ).run();
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

  // WH-10: the delivery queue.
  const insertJob = db.prepare(
    `INSERT INTO webhook_jobs (delivery_id, webhook_id, event_id, event_type, body, attempt, due_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const countJobs = db.prepare<[], { count: number; next: number | null }>(
    `SELECT count(*) AS count,
            min(CASE WHEN lease_until IS NULL THEN due_at ELSE max(due_at, lease_until) END) AS next
       FROM webhook_jobs`,
  );
  // At most `perWebhook` candidates per webhook, so one webhook's backlog cannot hide the others' (WH-06).
  const candidates = db.prepare<[number, number, number, number], JobRow>(
    `SELECT * FROM (
       SELECT *, row_number() OVER (PARTITION BY webhook_id ORDER BY due_at, seq) AS n FROM webhook_jobs
        WHERE due_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
     ) WHERE n <= ? ORDER BY due_at, seq LIMIT ?`,
  );
  const lease = db.prepare<[string, number, string]>(
    'UPDATE webhook_jobs SET lease_owner = ?, lease_until = ? WHERE delivery_id = ?',
  );
  const hookExists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM webhooks WHERE id = ?');
  const deleteJob = db.prepare<[string, string]>(
    'DELETE FROM webhook_jobs WHERE delivery_id = ? AND lease_owner = ?',
  );
  const retryJob = db.prepare<[number, string, string]>(
    `UPDATE webhook_jobs SET attempt = attempt + 1, due_at = ?, lease_owner = NULL, lease_until = NULL
      WHERE delivery_id = ? AND lease_owner = ?`,
  );

  const release = db.prepare<[string, string]>(
    'UPDATE webhook_jobs SET lease_owner = NULL, lease_until = NULL WHERE delivery_id = ? AND lease_owner = ?',
  );

  const appendRow: Sync<WebhookStore>['appendDelivery'] = (d) =>
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
    );

  // better-sqlite3 transactions are synchronous: nothing else runs between the statements of one.
  const enqueue = db.transaction<Sync<WebhookStore>['enqueue']>((job, { claim: claimed, maxQueue, at }) => {
    if (claimed && claim.run(job.webhookId, job.eventId, at).changes === 0) return 'claimed-before';
    if ((countJobs.get()?.count ?? 0) >= maxQueue) return 'queue-full';
    insertJob.run(
      job.deliveryId,
      job.webhookId,
      job.eventId,
      job.eventType,
      job.body,
      job.attempt,
      job.dueAt,
      job.createdAt,
    );
    return 'queued';
  });
  const held = db.prepare<[number, string], HeldRow>(
    `SELECT webhook_id, count(*) AS n FROM webhook_jobs
      WHERE lease_until > ? AND lease_owner <> ? GROUP BY webhook_id`,
  );
  const take = db.transaction<Sync<WebhookStore>['take']>((t) => {
    const busy = slotsInUse(t.busy, held.all(t.now, t.owner));
    const picked = pickFair(candidates.all(t.now, t.now, t.perWebhook, TAKE_CANDIDATES), { ...t, busy });
    for (const row of picked) lease.run(t.owner, t.leaseUntil, row.delivery_id);
    return picked.map(fromJobRow);
  });
  const finish = db.transaction<Sync<WebhookStore>['finish']>((deliveryId, owner, outcome) => {
    // A webhook deleted meanwhile took its jobs with it; its log is gone too, so nothing to record.
    if (outcome !== null && hookExists.get(outcome.entry.webhookId) !== undefined) appendRow(outcome.entry);
    const changed =
      outcome === null || outcome.retryAt === null
        ? deleteJob.run(deliveryId, owner).changes
        : retryJob.run(outcome.retryAt, deliveryId, owner).changes;
    return changed === 1;
  });

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
    appendDelivery: appendRow,
    enqueue: (job, options) => enqueue(job, options),
    take: (t) => take(t),
    finish: (deliveryId, owner, outcome) => finish(deliveryId, owner, outcome),
    release: (deliveryId, owner) => void release.run(deliveryId, owner),
    queued: () => {
      const row = countJobs.get();
      return { count: row?.count ?? 0, nextDueAt: row?.next ?? null };
    },
    deliveries: (webhookId, { limit, beforeId }) =>
      deliveries.all(webhookId, beforeId ?? Number.MAX_SAFE_INTEGER, limit).map(fromDelivery),
  };
}
