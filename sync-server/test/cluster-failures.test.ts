import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { TestPostgres } from './helpers/postgres.ts';
import type { TestRedis } from './helpers/redis.ts';
import { useRelayEngines } from './helpers/relay-engines.ts';
import { type SpawnedServer, spawnServer } from './helpers/spawn-server.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { type StockClient, stockClient, synced, until } from './helpers/y-client.ts';

/**
 * Several relays when something dies: a relay SIGKILLed in the middle of writes (its clients reconnect to
 * another relay and re-send), and Redis SIGKILLed and started again (delivery resumes, nothing is lost).
 * Real processes, a real PostgreSQL, a real Redis of this file's own (killing the shared one would break
 * the other test files).
 */
const { redis, pg, missing } = await useRelayEngines('relays and Redis that die', { own: true });

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function engines(): { pg: TestPostgres; redis: TestRedis } {
  if ('missing' in pg || 'missing' in redis) throw new Error('PostgreSQL or Redis is not available');
  return { pg, redis };
}

function client(url: string, room: string, doc?: Y.Doc): StockClient {
  const c = stockClient(url, room, doc ? { doc } : {});
  cleanups.push(() => c.destroy());
  return c;
}

const keysOf = (doc: Y.Doc) => [...doc.getMap('m').keys()].sort();

/** The room as PostgreSQL holds it, read directly. */
async function storedKeys(url: string, room: string): Promise<string[]> {
  const db = await engines().pg.connect(url);
  try {
    const { rows } = await db.query<{ data: Buffer }>(
      'SELECT data FROM room_updates WHERE room = $1 ORDER BY seq',
      [room],
    );
    const doc = new Y.Doc();
    for (const row of rows) Y.applyUpdate(doc, row.data);
    return keysOf(doc);
  } finally {
    await db.end();
  }
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(missing !== null)('several relays when something dies', () => {
  it('CL-05 a relay SIGKILLed mid-writes loses nothing: its clients reconnect to another relay and re-send', async () => {
    const { pg, redis } = engines();
    const url = await pg.createDatabase();
    const env = { DATABASE_URL: url, REDIS_URL: redis.url, REDIS_PREFIX: redis.prefix(), RUNSHEET_OPEN: '1' };
    const relays: SpawnedServer[] = [];
    for (let i = 0; i < 3; i++) {
      const relay = await spawnServer(env);
      cleanups.push(() => relay.child.kill('SIGKILL'));
      relays.push(relay);
    }
    const [a, b, c] = relays.map((r) => `http://127.0.0.1:${r.port}`) as [string, string, string];
    const ROOM = 'release:killed';
    const clients = [client(a, ROOM), client(a, ROOM), client(b, ROOM), client(c, ROOM)];
    await Promise.all(clients.map(synced));

    const WRITES = 120;
    const written = clients.map(() => 0);
    const writer = async (i: number) => {
      for (let n = 0; n < WRITES; n++) {
        clients[i]!.doc.getMap('m').set(`c${i}-${n}`, n);
        written[i] = n + 1;
        await new Promise((resolve) => setTimeout(resolve, 4));
      }
    };
    const writing = clients.map((_, i) => writer(i));
    // Kill relay A once its clients are well into their writes (some stored, some in flight).
    await waitFor(() => written[0]! >= WRITES / 3, 10_000, 'first writes');
    relays[0]!.child.kill('SIGKILL');
    await relays[0]!.exited;
    const sentBeforeKill = written.slice();
    // Its clients go to relay B, as a load balancer would send them, with the documents they hold.
    for (const i of [0, 1]) {
      clients[i]!.provider.destroy();
      clients[i] = client(b, ROOM, clients[i]!.doc);
    }
    await Promise.all(writing);

    const all = clients.flatMap((_, i) => Array.from({ length: WRITES }, (_, n) => `c${i}-${n}`)).sort();
    await Promise.all(clients.map((cl) => until(cl.doc, (d) => keysOf(d).length === all.length)));
    for (const cl of clients) expect(keysOf(cl.doc)).toEqual(all);
    // Everything is in PostgreSQL, among it every update sent before the kill.
    await waitFor(async () => (await storedKeys(url, ROOM)).length === all.length, 10_000, 'stored');
    const stored = new Set(await storedKeys(url, ROOM));
    for (const [i, count] of sentBeforeKill.entries()) {
      for (let n = 0; n < count; n++) expect(stored.has(`c${i}-${n}`)).toBe(true);
    }
  });

  it('CL-05 Redis SIGKILLed and restarted: readiness fails meanwhile, delivery resumes within 5 s, nothing lost', async () => {
    const { pg, redis } = engines();
    const running = redis.redis!;
    const env = {
      DATABASE_URL: await pg.createDatabase(),
      REDIS_URL: redis.url,
      REDIS_PREFIX: redis.prefix(),
    };
    // No polling of PostgreSQL while Redis is away: what crosses after the restart crossed because the
    // relays noticed Redis came back (and read what they had missed), not through the safety net.
    const servers: TestServer[] = [];
    for (let i = 0; i < 2; i++) {
      const t = await startTestServer({
        env,
        overrides: { clusterResyncMs: { up: 3_600_000, down: 3_600_000 } },
      });
      cleanups.push(() => t.dispose());
      servers.push(t);
    }
    const [one, two] = servers as [TestServer, TestServer];
    const ROOM = 'release:redis';
    const writer = client(one.url, ROOM);
    const reader = client(two.url, ROOM);
    await Promise.all([synced(writer), synced(reader)]);
    writer.doc.getMap('m').set('before', 1);
    await until(reader.doc, (d) => d.getMap('m').has('before'));

    await running.kill();
    const health = async (t: TestServer) => {
      const res = await fetch(`${t.url}/healthz`);
      return { status: res.status, body: (await res.json()) as { checks: Record<string, string> } };
    };
    await waitFor(async () => (await health(one)).status === 503, 5_000, 'readiness fails');
    expect((await health(two)).body.checks).toEqual({ storage: 'ok', redis: 'unreachable' });
    // Written while Redis is away: stored in PostgreSQL, told to nobody yet.
    for (let n = 0; n < 10; n++) writer.doc.getMap('m').set(`during-${n}`, n);
    await waitFor(
      async () => (await one.server.storage.rooms.heads([ROOM])).get(ROOM)! >= 11,
      5_000,
      'stored during the outage',
    );

    await running.restart();
    const restartedAt = Date.now();
    await waitFor(async () => (await health(two)).status === 200, 5_000, 'readiness back');
    writer.doc.getMap('m').set('after', 1);
    await Promise.race([
      until(reader.doc, (d) => keysOf(d).length === 12),
      new Promise((_, reject) => setTimeout(() => reject(new Error('not delivered within 5 s')), 5_000)),
    ]);
    console.log(`Redis restarted: everything delivered ${Date.now() - restartedAt} ms later`);
    expect(keysOf(reader.doc)).toEqual(
      ['after', 'before', ...Array.from({ length: 10 }, (_, n) => `during-${n}`)].sort(),
    );
  });
});
