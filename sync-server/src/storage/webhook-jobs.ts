/**
 * What both engines share about the webhook delivery queue (WH-10): the row as stored, and the fair pick
 * among due rows (WH-06: at most `perWebhook` jobs of one webhook in flight, counting those already held).
 */
import type { WebhookJob, WebhookTake } from './contract.ts';

/** A `webhook_jobs` row as both engines answer it (bigints come back as numbers, see postgres/pool.ts). */
export interface JobRow {
  delivery_id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  body: string;
  attempt: number;
  due_at: number;
  created_at: number;
}

/** Rows read per take: at most `perWebhook` per webhook, so this covers dozens of webhooks at once. */
export const TAKE_CANDIDATES = 200;

export const fromJobRow = (row: JobRow): WebhookJob => ({
  deliveryId: row.delivery_id,
  webhookId: row.webhook_id,
  eventId: row.event_id,
  eventType: row.event_type,
  body: row.body,
  attempt: row.attempt,
  dueAt: row.due_at,
  createdAt: row.created_at,
});

/** A webhook's jobs under a lease that has not ended, as both engines count them. */
export interface HeldRow {
  webhook_id: string;
  n: number;
}

/**
 * The slots in use per webhook: the taker's own attempts in flight, plus the leases other takers hold
 * (WH-06 holds for the cluster, not per relay). `held` must count other owners' leases only: an attempt
 * of this taker that outlived its lease is in `own`, and a job another relay took over after that lease
 * ended is in `held`, so both count.
 */
export function slotsInUse(own: ReadonlyMap<string, number>, held: readonly HeldRow[]): Map<string, number> {
  const busy = new Map(own);
  for (const row of held) busy.set(row.webhook_id, (busy.get(row.webhook_id) ?? 0) + Number(row.n));
  return busy;
}

/** The oldest candidates whose webhook still has a free slot, at most `take.limit` of them. */
export function pickFair<R extends JobRow>(candidates: readonly R[], take: WebhookTake): R[] {
  const held = new Map(take.busy);
  const picked: R[] = [];
  for (const row of candidates) {
    if (picked.length >= take.limit) break;
    const n = held.get(row.webhook_id) ?? 0;
    if (n >= take.perWebhook) continue;
    held.set(row.webhook_id, n + 1);
    picked.push(row);
  }
  return picked;
}
