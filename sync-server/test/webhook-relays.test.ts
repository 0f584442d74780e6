// WH-11: two relays on one PostgreSQL and one Redis, in this process, both deriving events from the same
// release and both sending from the shared delivery queue. A real HTTP receiver on loopback. Each event
// reaches a webhook exactly once, whichever relay the write came through and wherever the clients are.
import { templateStepId } from '@runsheet/domain';
import { WEBHOOK_EVENT_TYPES } from '@runsheet/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookEvent } from '../src/webhooks/events.ts';
import { ApiClient } from './helpers/api-client.ts';
import { useRelayEngines } from './helpers/relay-engines.ts';
import { seedRelease } from './helpers/seed.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { startReceiver } from './helpers/webhook-receiver.ts';
import { stockClient, synced } from './helpers/y-client.ts';

const { redis, pg, missing } = await useRelayEngines('webhooks on two relays');

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Delivery {
  eventId: string;
  eventType: string;
  attempt: number;
  status: number | null;
  ok: boolean;
}

/** Two relays sharing a fresh database and Redis prefix; both re-read loaded rooms and poll the queue often. */
async function twoRelays(): Promise<[TestServer, TestServer]> {
  if ('missing' in pg || 'missing' in redis) throw new Error('PostgreSQL or Redis is not available');
  const env = { DATABASE_URL: await pg.createDatabase(), REDIS_URL: redis.url, REDIS_PREFIX: redis.prefix() };
  const servers: TestServer[] = [];
  for (let i = 0; i < 2; i++) {
    const t = await startTestServer({
      env,
      overrides: {
        clusterResyncMs: { up: 3_600_000, down: 3_600_000 },
        webhooks: {
          debounceMs: 20,
          recheckMs: 100,
          pollMs: 50,
          backoffMs: 150,
          backoffCapMs: 300,
          timeoutMs: 2_000,
        },
      },
    });
    cleanups.push(() => t.dispose());
    servers.push(t);
  }
  return servers as [TestServer, TestServer];
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** Records the ids of the events a relay derived and published (claimed or not). */
function publishedBy(t: TestServer): string[] {
  const ids: string[] = [];
  const dispatcher = t.server.webhooks.dispatcher;
  const publish = dispatcher.publish.bind(dispatcher);
  dispatcher.publish = async (events: readonly WebhookEvent[]) => {
    await publish(events);
    ids.push(...events.map((e) => e.id));
  };
  return ids;
}

describe.skipIf(missing !== null)('WH-11 webhooks on two relays (PostgreSQL + Redis)', () => {
  it('WH-11 an event caused on relay A, with the clients on relay B, reaches each webhook once; retries too', async () => {
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    // Every delivery to /flaky fails twice (500), then succeeds: its retries cross both relays' polls.
    receiver.scriptEach('/flaky', [500, 500, 204]);
    const [a, b] = await twoRelays();
    const onA = new ApiClient(a.url);
    const onB = new ApiClient(b.url);
    const s = await seedRelease(a.server, { clusters: 1, customersPerCluster: 2, templates: 1 });
    const derivedOnB = publishedBy(b);
    // The clients watching are on relay B: it holds the room and derives the same events from it.
    const watcher = stockClient(b.url, s.releaseId);
    cleanups.push(() => watcher.destroy());
    await synced(watcher);
    const created = [];
    for (const path of ['/ok', '/flaky']) {
      const res = await onA.post<{ webhook: { id: string } }>('/api/webhooks', {
        url: receiver.url(path),
        events: [...WEBHOOK_EVENT_TYPES],
      });
      expect(res.status).toBe(201);
      created.push(res.body.webhook.id);
    }
    const [, flakyId] = created;

    const base = `/api/releases/${s.releaseId}`;
    const step = (customer: number) => templateStepId(s.customerIds[customer]!, s.templateIds[0]!);
    expect((await onA.post(`${base}/halt`, { reason: 'error rate up' })).status).toBe(200);
    expect((await onA.post(`${base}/resume`, { reason: 'fixed' })).status).toBe(200);
    const plan = await onA.post<{ rollout: { waves: Array<{ id: string }> } }>(`${base}/waves`, {
      waves: [
        { name: 'Canary', select: { customerIds: [s.customerIds[0]] } },
        { name: 'Everyone', gate: { previousComplete: true, signOff: true } },
      ],
    });
    expect(plan.status).toBe(200);
    expect((await onA.post(`${base}/steps/${step(0)}/done`, {})).status).toBe(200);
    const everyone = plan.body.rollout.waves[1]!.id;
    const types = () => receiver.at('/ok').map((r) => r.json.type);
    await receiver.until(() => types().includes('gate.ready_for_sign_off'), 10_000);
    // "Ready for sign-off" holds only until the sign-off: let relay B see it too before it ends (B reads
    // the room every recheckMs), so that this event is also derived on both relays.
    const ready = receiver.at('/ok').find((r) => r.json.type === 'gate.ready_for_sign_off')!.json.id;
    await expect.poll(() => derivedOnB.includes(ready), { timeout: 5_000 }).toBe(true);
    expect((await onA.post(`${base}/waves/${everyone}/sign-off`, { note: 'ok' })).status).toBe(200);
    // One write through relay B as well: it derives and queues that one first.
    expect((await onB.post(`${base}/steps/${step(1)}/skip`, { reason: 'not needed' })).status).toBe(200);
    const expected = [
      'rollout.halted',
      'rollout.resumed',
      'wave.completed',
      'gate.ready_for_sign_off',
      'gate.opened',
      'step.skipped',
      'wave.completed',
      'release.completed',
    ];
    await receiver.until(() => types().length >= expected.length, 15_000);
    // Relay B derived every one of them too (from its own copy of the room), and was refused the claim.
    const okIds = () => receiver.at('/ok').map((r) => r.json.id);
    await expect
      .poll(
        () =>
          receiver
            .at('/ok')
            .filter((r) => !derivedOnB.includes(r.json.id))
            .map((r) => r.json.type),
        { timeout: 5_000 },
      )
      .toEqual([]);
    await Promise.all([a.server.webhooks.dispatcher.idle(), b.server.webhooks.dispatcher.idle()]);
    expect([...types()].sort()).toEqual([...expected].sort());
    expect(new Set(okIds()).size).toBe(okIds().length);
    // Each delivery to /flaky: three requests with one delivery id, each attempt logged once.
    const flaky = receiver.at('/flaky');
    const byDelivery = groupBy(flaky, (r) => String(r.headers['runsheet-delivery']));
    expect(byDelivery.size).toBe(expected.length);
    for (const requests of byDelivery.values()) {
      expect(requests).toHaveLength(3);
      expect(new Set(requests.map((r) => r.json.id)).size).toBe(1);
    }
    const log = (await onB.get<{ items: Delivery[] }>(`/api/webhooks/${flakyId}/deliveries?limit=100`)).body
      .items;
    const attempts = groupBy(log, (d) => d.eventId);
    expect([...attempts.keys()].sort()).toEqual([...new Set(flaky.map((r) => r.json.id))].sort());
    for (const rows of attempts.values())
      expect(rows.map((d) => [d.attempt, d.status]).sort()).toEqual([
        [1, 500],
        [2, 500],
        [3, 204],
      ]);
  });

  it('WH-11 a retry relay A queued is sent by relay B once A is gone: same delivery, next attempt', async () => {
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    receiver.script('/later', [500, 204]);
    const [a, b] = await twoRelays();
    const onA = new ApiClient(a.url);
    const made = await onA.post<{ webhook: { id: string } }>('/api/webhooks', {
      url: receiver.url('/later'),
      events: ['gate.opened'],
    });
    await onA.post(`/api/webhooks/${made.body.webhook.id}/test`);
    await receiver.until(() => receiver.at('/later').length === 1);
    // The failure is logged and the retry waits in the shared queue (one transaction) before A goes.
    await expect
      .poll(
        async () => (await b.server.storage.webhooks.deliveries(made.body.webhook.id, { limit: 5 })).length,
      )
      .toBe(1);
    expect(await b.server.storage.webhooks.queued()).toMatchObject({ count: 1 });
    await a.stop();
    await receiver.until(() => receiver.at('/later').length === 2, 10_000);
    const [first, second] = receiver.at('/later');
    expect(second!.headers['runsheet-delivery']).toBe(first!.headers['runsheet-delivery']);
    await b.server.webhooks.dispatcher.idle();
    const log = await b.server.storage.webhooks.deliveries(made.body.webhook.id, { limit: 10 });
    expect(log.map((d) => [d.attempt, d.status])).toEqual([
      [2, 204],
      [1, 500],
    ]);
  });
});
