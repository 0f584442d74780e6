/**
 * WH-05..WH-07: sends events to the webhooks that asked for them. Each (webhook, event) is claimed in
 * storage first (WH-04), so it goes out once however many relays derived it. Attempts run at most
 * `concurrency` at a time, at most `perWebhook` of them for one webhook (so a receiver that hangs holds only
 * its own slots and the others keep being served), each cut off after `timeoutMs`; a failure (no answer, a network error, a status
 * outside 2xx) is tried again after `backoffMs · 2^(attempt-1)` (at most `backoffCapMs`), up to
 * `maxAttempts` in all. Every attempt is a row of the delivery log. Jobs waiting or running are bounded
 * by `maxQueue`: past it a new event is logged as `queue-full` and not sent, so a receiver that is down
 * for days cannot grow the server's memory.
 *
 * The queue is in memory: a restart forgets retries still waiting (the log shows how far they got).
 */
import { randomUUID } from 'node:crypto';
import type { WebhookRow, WebhookStore } from '../storage/contract.ts';
import type { WebhookEvent } from './events.ts';
import { SIGNATURE_HEADER, signatureHeader } from './signature.ts';

export interface DispatchOptions {
  timeoutMs: number;
  maxAttempts: number;
  backoffMs: number;
  backoffCapMs: number;
  maxQueue: number;
  concurrency: number;
  /** Attempts in flight for one webhook at most (fewer than `concurrency`: one slow receiver never holds all). */
  perWebhook: number;
  userAgent: string;
  now: () => number;
  log: Pick<Console, 'warn'>;
}

export const DEFAULT_DISPATCH: Omit<DispatchOptions, 'userAgent' | 'now' | 'log'> = {
  timeoutMs: 5_000,
  maxAttempts: 6,
  backoffMs: 10_000,
  backoffCapMs: 10 * 60_000,
  maxQueue: 1_000,
  concurrency: 4,
  perWebhook: 2,
};

interface Job {
  webhookId: string;
  event: WebhookEvent;
  /** Runsheet-Delivery: one per (webhook, event), the same on every retry. */
  deliveryId: string;
  attempt: number;
}

export class WebhookDispatcher {
  private readonly ready: Job[] = [];
  private readonly waiting = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<AbortController>();
  private running = 0;
  private readonly runningFor = new Map<string, number>();
  private closed = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly store: WebhookStore,
    private readonly options: DispatchOptions,
  ) {}

  /** Jobs queued, running or waiting to retry. */
  get pending(): number {
    return this.ready.length + this.running + this.waiting.size;
  }

  /** Claims and queues `events` for every enabled webhook that asked for their type. */
  async publish(events: readonly WebhookEvent[]): Promise<void> {
    if (this.closed || events.length === 0) return;
    const hooks = (await this.store.list()).filter((h) => h.enabled);
    for (const event of events) {
      for (const hook of hooks) {
        if (!hook.events.includes(event.type)) continue;
        if (!(await this.store.claimEvent(hook.id, event.id, this.options.now()))) continue;
        await this.enqueue(hook, event);
      }
    }
  }

  /** "Send test event": a `webhook.test` event with a fresh id, to this webhook only. */
  async sendTest(hook: WebhookRow): Promise<string> {
    const event: WebhookEvent = {
      id: `evt_test_${randomUUID().replaceAll('-', '')}`,
      type: 'webhook.test',
      occurredAt: new Date(this.options.now()).toISOString(),
      release: null,
      message: 'A test event sent from Runsheet Settings.',
    };
    await this.enqueue(hook, event);
    return event.id;
  }

  private async enqueue(hook: WebhookRow, event: WebhookEvent): Promise<void> {
    if (this.pending >= this.options.maxQueue) {
      await this.store.appendDelivery({
        webhookId: hook.id,
        eventId: event.id,
        eventType: event.type,
        attempt: 1,
        status: null,
        error: 'queue-full',
        ok: false,
        durationMs: 0,
        at: this.options.now(),
      });
      return;
    }
    this.ready.push({ webhookId: hook.id, event, deliveryId: randomUUID(), attempt: 1 });
    this.pump();
  }

  private pump(): void {
    while (!this.closed && this.running < this.options.concurrency) {
      // The oldest job whose webhook has a free slot (WH-06: fair between webhooks).
      const index = this.ready.findIndex(
        (job) => (this.runningFor.get(job.webhookId) ?? 0) < this.options.perWebhook,
      );
      if (index < 0) return;
      const [job] = this.ready.splice(index, 1) as [Job];
      this.running++;
      this.runningFor.set(job.webhookId, (this.runningFor.get(job.webhookId) ?? 0) + 1);
      this.attempt(job)
        .catch((error: unknown) => this.options.log.warn('Webhooks: an attempt failed to run:', error))
        .finally(() => {
          this.running--;
          const left = (this.runningFor.get(job.webhookId) ?? 1) - 1;
          if (left > 0) this.runningFor.set(job.webhookId, left);
          else this.runningFor.delete(job.webhookId);
          this.pump();
          this.notifyIdle();
        });
    }
  }

  private async attempt(job: Job): Promise<void> {
    // Read again each time: a webhook disabled or deleted meanwhile is sent nothing more.
    const hook = await this.store.byId(job.webhookId);
    if (hook === undefined || !hook.enabled || this.closed) return;
    const body = JSON.stringify(job.event);
    const started = this.options.now();
    const t0 = performance.now();
    const abort = new AbortController();
    this.inFlight.add(abort);
    const timer = setTimeout(() => abort.abort(new Error('timeout')), this.options.timeoutMs);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(hook.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': this.options.userAgent,
          [SIGNATURE_HEADER]: signatureHeader(hook.secret, Math.floor(started / 1000), body),
          'Runsheet-Event': job.event.type,
          'Runsheet-Delivery': job.deliveryId,
        },
        body,
        // A redirect is an answer (3xx, not 2xx): following it would send the body somewhere not chosen.
        redirect: 'manual',
        signal: abort.signal,
      });
      status = res.status;
      // The receiver's answer is not read; dropping it frees the connection.
      await res.body?.cancel().catch(() => {});
    } catch (caught) {
      error = abort.signal.aborted
        ? this.closed
          ? 'server-shutdown'
          : 'timeout'
        : `connection: ${describe(caught)}`;
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(abort);
    }
    const ok = status !== null && status >= 200 && status < 300;
    await this.store.appendDelivery({
      webhookId: hook.id,
      eventId: job.event.id,
      eventType: job.event.type,
      attempt: job.attempt,
      status,
      error,
      ok,
      durationMs: Math.round(performance.now() - t0),
      at: started,
    });
    if (!ok && job.attempt < this.options.maxAttempts && !this.closed) this.retryLater(job);
  }

  private retryLater(job: Job): void {
    const delay = Math.min(this.options.backoffCapMs, this.options.backoffMs * 2 ** (job.attempt - 1));
    const timer = setTimeout(() => {
      this.waiting.delete(timer);
      this.ready.push({ ...job, attempt: job.attempt + 1 });
      this.pump();
    }, delay);
    timer.unref();
    this.waiting.add(timer);
  }

  private notifyIdle(): void {
    if (this.pending > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Resolves when nothing is queued, running or waiting to retry (tests, benchmarks). */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops sending: drops waiting retries, aborts attempts in flight and waits for their log rows. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.waiting) clearTimeout(timer);
    this.waiting.clear();
    this.ready.length = 0;
    for (const abort of this.inFlight) abort.abort(new Error('shutdown'));
    while (this.running > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
