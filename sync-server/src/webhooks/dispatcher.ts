/**
 * WH-05..WH-07, WH-10, WH-11: sends events to the webhooks that asked for them, from a queue kept in
 * storage. Publishing claims each (webhook, event) and queues its job in one transaction (WH-04, WH-10),
 * so it goes out once however many relays derived it, and a restart finds what was still to be sent.
 *
 * Every dispatcher (one per relay) takes due jobs from that queue with a lease (WH-11): one relay sends a
 * job at a time, whichever relay queued it. Attempts run at most `concurrency` at a time, at most
 * `perWebhook` of them for one webhook (so a receiver that hangs holds only its own slots), each cut off
 * after `timeoutMs`; a failure (no answer, a network error, a status outside 2xx) puts the job back for
 * attempt + 1 after `backoffMs · 2^(attempt-1)` (at most `backoffCapMs`), up to `maxAttempts` in all.
 * Every attempt is a row of the delivery log, written in the same transaction as the job's new state.
 * Jobs are bounded by `maxQueue`: past it a new event is logged as `queue-full` and not sent.
 *
 * The dispatcher wakes when it queues a job, when an attempt ends, at the earliest time a job is due, and
 * at least every `pollMs` (jobs another relay queued, leases of a relay that died).
 */
import { randomUUID } from 'node:crypto';
import type { WebhookJob, WebhookOutcome, WebhookRow, WebhookStore } from '../storage/contract.ts';
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
  /** The longest the dispatcher sleeps without looking at the queue. */
  pollMs: number;
  /**
   * How long past `timeoutMs` a taken job stays leased: a job whose attempt never finished (the process
   * died) is taken again, by this relay after a restart or by another, once its lease ends.
   */
  leaseMarginMs: number;
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
  pollMs: 5_000,
  leaseMarginMs: 30_000,
};

export class WebhookDispatcher {
  /** This dispatcher's name on the leases it takes. */
  readonly owner = `dispatcher:${randomUUID()}`;
  private running = 0;
  private readonly runningFor = new Map<string, number>();
  private readonly inFlight = new Set<AbortController>();
  private closed = false;
  private pumping: Promise<void> | null = null;
  private pumpAgain = false;
  private wake: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: WebhookStore,
    private readonly options: DispatchOptions,
  ) {
    // Whatever the queue held when this relay started (a restart) is looked at now.
    this.pump();
  }

  /** Attempts running in this process. */
  get active(): number {
    return this.running;
  }

  /** Claims and queues `events` for every enabled webhook that asked for their type. */
  async publish(events: readonly WebhookEvent[]): Promise<void> {
    if (this.closed || events.length === 0) return;
    const hooks = (await this.store.list()).filter((h) => h.enabled);
    for (const event of events) {
      for (const hook of hooks) {
        if (hook.events.includes(event.type)) await this.enqueue(hook, event, true);
      }
    }
    this.pump();
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
    await this.enqueue(hook, event, false);
    this.pump();
    return event.id;
  }

  private async enqueue(hook: WebhookRow, event: WebhookEvent, claim: boolean): Promise<void> {
    const now = this.options.now();
    const job: WebhookJob = {
      deliveryId: randomUUID(),
      webhookId: hook.id,
      eventId: event.id,
      eventType: event.type,
      body: JSON.stringify(event),
      attempt: 1,
      dueAt: now,
      createdAt: now,
    };
    const queued = await this.store.enqueue(job, { claim, maxQueue: this.options.maxQueue, at: now });
    if (queued !== 'queue-full') return;
    await this.store.appendDelivery({
      webhookId: hook.id,
      eventId: event.id,
      eventType: event.type,
      attempt: 1,
      status: null,
      error: 'queue-full',
      ok: false,
      durationMs: 0,
      at: now,
    });
  }

  /** Takes due jobs while slots are free; one pass at a time (a call during a pass asks for another). */
  private pump(): void {
    if (this.closed) return;
    if (this.pumping !== null) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = this.fill()
      .catch((error: unknown) => this.options.log.warn('Webhooks: reading the delivery queue failed:', error))
      .finally(() => {
        this.pumping = null;
        if (this.pumpAgain) {
          this.pumpAgain = false;
          this.pump();
        } else this.scheduleWake().catch(() => {});
      });
  }

  private async fill(): Promise<void> {
    while (!this.closed && this.running < this.options.concurrency) {
      const now = this.options.now();
      const jobs = await this.store.take({
        now,
        owner: this.owner,
        leaseUntil: now + this.options.timeoutMs + this.options.leaseMarginMs,
        limit: this.options.concurrency - this.running,
        perWebhook: this.options.perWebhook,
        busy: this.runningFor,
      });
      if (jobs.length === 0) return;
      for (const job of jobs) this.start(job);
    }
  }

  /** Sleeps until the earliest job is due, or `pollMs`, whichever comes first. */
  private async scheduleWake(): Promise<void> {
    if (this.closed) return;
    const readAt = this.options.now();
    const { nextDueAt } = await this.store.queued().catch(() => ({ nextDueAt: null }));
    if (this.closed) return;
    const until = nextDueAt === null ? this.options.pollMs : nextDueAt - this.options.now();
    if (until <= 0) {
      // It came due while the queue was being read (a retry 40 ms away, a slow read): take it now, not a
      // poll later (WH-06 once waited 5 s for its second attempt that way). Due before the read began
      // and yet not taken: every slot (or its webhook's) is busy here, and an attempt that ends pumps
      // again; or another relay took it. Either way nothing to do before the next poll (no spin: the pass
      // this starts reads the queue again after `readAt`).
      if (nextDueAt !== null && nextDueAt > readAt) this.pump();
      else this.wakeIn(this.options.pollMs);
      return;
    }
    this.wakeIn(Math.min(this.options.pollMs, until));
  }

  private wakeIn(ms: number): void {
    if (this.wake !== null) clearTimeout(this.wake);
    this.wake = setTimeout(() => {
      this.wake = null;
      this.pump();
    }, ms);
    this.wake.unref();
  }

  private start(job: WebhookJob): void {
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
      });
  }

  private async attempt(job: WebhookJob): Promise<void> {
    // Read again each time: a webhook disabled or deleted meanwhile is sent nothing more, its job dropped.
    const hook = await this.store.byId(job.webhookId);
    if (hook === undefined || !hook.enabled) {
      await this.store.finish(job.deliveryId, this.owner, null);
      return;
    }
    // Closing began while the hook was read: no attempt made, the job goes back as it was. (Nothing is
    // awaited from here to `inFlight.add`, so `close` aborts every attempt that got further.)
    if (this.closed) {
      await this.store.release(job.deliveryId, this.owner);
      return;
    }
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
          [SIGNATURE_HEADER]: signatureHeader(hook.secret, Math.floor(started / 1000), job.body),
          'Runsheet-Event': job.eventType,
          'Runsheet-Delivery': job.deliveryId,
        },
        body: job.body,
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
    const outcome: WebhookOutcome = {
      entry: {
        webhookId: hook.id,
        eventId: job.eventId,
        eventType: job.eventType,
        attempt: job.attempt,
        status,
        error,
        ok,
        durationMs: Math.round(performance.now() - t0),
        at: started,
      },
      retryAt: ok || job.attempt >= this.options.maxAttempts ? null : this.retryAt(job, error),
    };
    await this.store.finish(job.deliveryId, this.owner, outcome);
  }

  private retryAt(job: WebhookJob, error: string | null): number {
    // Cut off by our own shutdown: not the receiver's doing, so the next start tries again at once.
    if (error === 'server-shutdown') return this.options.now();
    const delay = Math.min(this.options.backoffCapMs, this.options.backoffMs * 2 ** (job.attempt - 1));
    return this.options.now() + delay;
  }

  /**
   * Resolves when no attempt runs here and the queue in storage is empty (tests, benchmarks): every job
   * was sent, gave up, or was dropped.
   */
  async idle(): Promise<void> {
    for (;;) {
      if (this.running === 0 && (await this.store.queued()).count === 0 && this.running === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /**
   * Stops sending: aborts attempts in flight and waits for them to be logged (`server-shutdown`) and put
   * back in the queue, due at once. Jobs waiting to retry stay in storage for the next start.
   */
  async close(): Promise<void> {
    this.closed = true;
    if (this.wake !== null) clearTimeout(this.wake);
    for (const abort of this.inFlight) abort.abort(new Error('shutdown'));
    await this.pumping;
    while (this.running > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
