// WH-06: one receiver that hangs holds only its own delivery slots; the other webhooks keep being served.
// A real HTTP receiver on loopback and the real SQLite engine (the queue is in storage, WH-10).
import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookRow } from '../src/storage/contract.ts';
import { openSqliteStorage } from '../src/storage/sqlite/index.ts';
import { DEFAULT_DISPATCH, WebhookDispatcher } from '../src/webhooks/dispatcher.ts';
import type { WebhookEvent } from '../src/webhooks/events.ts';
import { makeTempDir } from './helpers/temp-dir.ts';
import { startReceiver } from './helpers/webhook-receiver.ts';

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
  let cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanup.reverse()) await c();
    cleanup = [];
  });

  it('a receiver that never answers does not stop another webhook from getting its events', async () => {
    const receiver = await startReceiver();
    cleanup.push(() => receiver.close());
    receiver.script('/slow', ['hang']);
    receiver.script('/fast', [204]);
    const dir = makeTempDir('fairness');
    cleanup.push(() => dir.remove());
    const storage = openSqliteStorage(dir.path);
    cleanup.push(() => storage.close());
    await storage.webhooks.insert(hook('slow', receiver.url('/slow')));
    await storage.webhooks.insert(hook('fast', receiver.url('/fast')));
    const dispatcher = new WebhookDispatcher(storage.webhooks, {
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
