// WH-10: the delivery queue is in storage. A real server process (node dist/main.js, SQLite) is killed
// or stopped while a delivery waits to retry or is in flight, then started again on the same data: the
// delivery is sent after the restart with the same Runsheet-Delivery id and the attempt count kept, not
// before its backoff ends, and never again once it succeeded. A real HTTP receiver on loopback.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../src/storage/sqlite/database.ts';
import { verifySignature } from '../src/webhooks/signature.ts';
import { ApiClient } from './helpers/api-client.ts';
import { type SpawnedServer, spawnServer } from './helpers/spawn-server.ts';
import { writeStaticFixture } from './helpers/static-fixture.ts';
import { makeTempDir } from './helpers/temp-dir.ts';
import { startReceiver } from './helpers/webhook-receiver.ts';

interface Delivery {
  eventId: string;
  attempt: number;
  status: number | null;
  error: string | null;
  ok: boolean;
}

const SECRET = 'a-shared-secret-of-some-length';
const BACKOFF_MS = 2_000;

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp() {
  const receiver = await startReceiver();
  cleanups.push(() => receiver.close());
  const data = makeTempDir('data');
  const statics = makeTempDir('static');
  writeStaticFixture(statics.path);
  cleanups.push(data.remove, statics.remove);
  const env = {
    DATA_DIR: data.path,
    STATIC_DIR: statics.path,
    RUNSHEET_OPEN: '1',
    WEBHOOK_BACKOFF_MS: String(BACKOFF_MS),
    WEBHOOK_TIMEOUT_MS: '5000',
    WEBHOOK_POLL_MS: '100',
  };
  const start = async () => {
    const server = await spawnServer(env);
    cleanups.push(() => server.child.kill('SIGKILL'));
    return { server, api: new ApiClient(`http://127.0.0.1:${server.port}`) };
  };
  const stop = async (server: SpawnedServer, signal: 'SIGKILL' | 'SIGTERM') => {
    server.child.kill(signal);
    return server.exited;
  };
  /** The queue as the file holds it, read while no server runs. */
  const jobsOnDisk = () => {
    const db = new Database(`${data.path}/${DATABASE_FILE}`, { readonly: true });
    try {
      return db.prepare('SELECT delivery_id, attempt FROM webhook_jobs').all();
    } finally {
      db.close();
    }
  };
  return { receiver, start, stop, jobsOnDisk };
}

async function createWebhook(api: ApiClient, url: string): Promise<string> {
  const res = await api.post<{ webhook: { id: string } }>('/api/webhooks', {
    url,
    events: ['gate.opened'],
    secret: SECRET,
  });
  expect(res.status).toBe(201);
  return res.body.webhook.id;
}

const log = async (api: ApiClient, id: string) =>
  (await api.get<{ items: Delivery[] }>(`/api/webhooks/${id}/deliveries`)).body.items;

describe('WH-10 webhook deliveries survive a restart (built process, SQLite)', () => {
  it('WH-10 a retry waiting when the process is killed (SIGKILL) is sent after restart: same delivery, attempt 2, after its backoff, once', async () => {
    const { receiver, start, stop, jobsOnDisk } = await setUp();
    receiver.script('/retry', [500, 204]);
    const first = await start();
    const hookId = await createWebhook(first.api, receiver.url('/retry'));
    const sent = await first.api.post<{ eventId: string }>(`/api/webhooks/${hookId}/test`);
    expect(sent.status).toBe(202);
    await receiver.until(() => receiver.at('/retry').length === 1);
    // The failed attempt is logged in the same transaction that schedules its retry.
    await expect.poll(async () => (await log(first.api, hookId)).length).toBe(1);
    expect(await stop(first.server, 'SIGKILL')).toBe('SIGKILL');
    expect(jobsOnDisk()).toMatchObject([{ attempt: 2 }]);

    const second = await start();
    await receiver.until(() => receiver.at('/retry').length === 2, 10_000);
    const [a, b] = receiver.at('/retry');
    expect(b!.headers['runsheet-delivery']).toBe(a!.headers['runsheet-delivery']);
    expect(b!.body).toBe(a!.body);
    expect(b!.json).toMatchObject({ id: sent.body.eventId, type: 'webhook.test' });
    expect(verifySignature(SECRET, String(b!.headers['runsheet-signature']), b!.body, b!.at / 1000)).toBe(
      true,
    );
    // The backoff counts from the failed attempt, across the restart.
    expect(b!.at - a!.at).toBeGreaterThanOrEqual(BACKOFF_MS);
    await expect
      .poll(async () => (await log(second.api, hookId)).map((d) => [d.attempt, d.status, d.ok]))
      .toEqual([
        [2, 204, true],
        [1, 500, false],
      ]);

    // Sent: nothing is left to send, so no later start sends it again.
    expect(await stop(second.server, 'SIGTERM')).toBe(0);
    expect(jobsOnDisk()).toEqual([]);
    const third = await start();
    const next = await third.api.post<{ eventId: string }>(`/api/webhooks/${hookId}/test`);
    await receiver.until(() => receiver.at('/retry').length === 3);
    expect(receiver.at('/retry').map((r) => r.json.id)).toEqual([
      sent.body.eventId,
      sent.body.eventId,
      next.body.eventId,
    ]);
  });

  it('WH-10 an attempt in flight when the process is stopped (SIGTERM) is logged server-shutdown and sent again at the next start', async () => {
    const { receiver, start, stop, jobsOnDisk } = await setUp();
    receiver.script('/held', ['hang', 204]);
    const first = await start();
    const hookId = await createWebhook(first.api, receiver.url('/held'));
    const sent = await first.api.post<{ eventId: string }>(`/api/webhooks/${hookId}/test`);
    await receiver.until(() => receiver.hanging.size === 1);
    expect(await stop(first.server, 'SIGTERM')).toBe(0);
    expect(jobsOnDisk()).toMatchObject([{ attempt: 2 }]);

    const second = await start();
    await receiver.until(() => receiver.at('/held').length === 2, 10_000);
    const [a, b] = receiver.at('/held');
    expect(b!.headers['runsheet-delivery']).toBe(a!.headers['runsheet-delivery']);
    expect(b!.json.id).toBe(sent.body.eventId);
    await expect
      .poll(async () => (await log(second.api, hookId)).map((d) => [d.attempt, d.error ?? d.status]))
      .toEqual([
        [2, 204],
        [1, 'server-shutdown'],
      ]);
  });

  it('WH-10 an attempt in flight when the process is killed (SIGKILL) is made again at the next start: same delivery, same attempt', async () => {
    const { receiver, start, stop, jobsOnDisk } = await setUp();
    receiver.script('/killed', ['hang', 204]);
    const first = await start();
    const hookId = await createWebhook(first.api, receiver.url('/killed'));
    const sent = await first.api.post<{ eventId: string }>(`/api/webhooks/${hookId}/test`);
    await receiver.until(() => receiver.hanging.size === 1);
    expect(await stop(first.server, 'SIGKILL')).toBe('SIGKILL');
    // Nothing was logged of the attempt: it is still attempt 1, leased by the dead process.
    expect(jobsOnDisk()).toMatchObject([{ attempt: 1 }]);

    const second = await start();
    await receiver.until(() => receiver.at('/killed').length === 2, 10_000);
    const [a, b] = receiver.at('/killed');
    // At least once: the receiver sees the cut attempt again, and dedupes on the delivery id.
    expect(b!.headers['runsheet-delivery']).toBe(a!.headers['runsheet-delivery']);
    expect(b!.json.id).toBe(sent.body.eventId);
    await expect
      .poll(async () => (await log(second.api, hookId)).map((d) => [d.attempt, d.status]))
      .toEqual([[1, 204]]);
  });
});
