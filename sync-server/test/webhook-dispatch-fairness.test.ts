// WH-06: one receiver that hangs holds only its own delivery slots; the other webhooks keep being served.
// A real HTTP receiver on loopback; the store is a small in-memory one (the storage engines have their own
// contract tests).
import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookDeliveryEntry, WebhookRow, WebhookStore } from '../src/storage/contract.ts';
import { DEFAULT_DISPATCH, WebhookDispatcher } from '../src/webhooks/dispatcher.ts';
import type { WebhookEvent } from '../src/webhooks/events.ts';
import { startReceiver } from './helpers/webhook-receiver.ts';

function memoryStore(hooks: WebhookRow[]) {
  const claims = new Set<string>();
  const log: WebhookDeliveryEntry[] = [];
  const store: WebhookStore = {
    insert: async (hook) => void hooks.push(hook),
    byId: async (id) => hooks.find((h) => h.id === id),
    list: async () => [...hooks],
    setEnabled: async () => true,
    delete: async () => true,
    claimEvent: async (webhookId, eventId) => {
      const key = `${webhookId}|${eventId}`;
      if (claims.has(key)) return false;
      claims.add(key);
      return true;
    },
    appendDelivery: async (entry) => void log.push(entry),
    deliveries: async () => [],
  };
  return { store, log };
}

const hook = (id: string, url: string): WebhookRow => ({
  id,
  url,
  events: ['rollout.halted'],
  description: id,
  secret: 'a-secret-of-enough-length',
  enabled: true,
  createdAt: 0,
  createdBy: null,
});

const events = (n: number): WebhookEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `evt_${i}`,
    type: 'rollout.halted',
    occurredAt: new Date(0).toISOString(),
    release: { id: 'release:r', name: 'R' },
  }));

describe('WH-06 delivery slots per webhook', () => {
  let cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanup.reverse()) await c();
    cleanup = [];
  });

  it('a receiver that never answers does not stop another webhook from getting its events', async () => {
    const receiver = await startReceiver();
    cleanup.push(() => receiver.close());
    receiver.script('/slow', ['hang']);
    receiver.script('/fast', [204]);
    const { store } = memoryStore([hook('slow', receiver.url('/slow')), hook('fast', receiver.url('/fast'))]);
    const dispatcher = new WebhookDispatcher(store, {
      ...DEFAULT_DISPATCH,
      timeoutMs: 30_000,
      userAgent: 'test',
      now: () => Date.now(),
      log: console,
    });
    cleanup.push(() => dispatcher.close());
    // Six events for both: the slow webhook's attempts come first in the queue.
    await dispatcher.publish(events(6));
    await receiver.until(() => receiver.at('/fast').length === 6, 5_000);
    expect(receiver.at('/fast')).toHaveLength(6);
    // The slow one holds at most its own slots, never all of them.
    expect(receiver.hanging.size).toBeLessThanOrEqual(DEFAULT_DISPATCH.perWebhook);
    expect(DEFAULT_DISPATCH.perWebhook).toBeLessThan(DEFAULT_DISPATCH.concurrency);
  });
});
