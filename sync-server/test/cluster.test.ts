import { CloseCode } from '@runsheet/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { step2Frame } from '../bench/abuse/junk.ts';
import { encodeUpdate } from '../src/relay/protocol.ts';
import type { RoomName } from '../src/relay/room-name.ts';
import { ApiClient, setUpAdmin, signedInUser } from './helpers/api-client.ts';
import { frameKind, rawSocket } from './helpers/raw-socket.ts';
import { useRelayEngines } from './helpers/relay-engines.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { type StockClient, stockClient, synced, until } from './helpers/y-client.ts';

/**
 * Several relays on one PostgreSQL and one Redis (REDIS_URL), in this process: updates, presence and
 * access changes cross relays; sign-in and its throttle are the same on every relay. The periodic resync
 * with PostgreSQL is pushed out of reach (an hour), so whatever crosses here crossed through Redis or a
 * sequence gap, not through the safety net.
 */
const { redis, pg, missing } = await useRelayEngines('several relays on PostgreSQL and Redis');

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** `n` relays sharing a fresh database and a fresh Redis prefix. */
/** The release rooms these tests open, listed in the shared catalog by the first relay (SE-04). */
const CLUSTER_RELEASES = [
  'release:conv',
  'release:presence',
  'release:auth',
  'release:revoke',
  'release:budget',
  'release:bytes',
  'release:large',
];

async function relays(n: number, env: Record<string, string> = {}): Promise<TestServer[]> {
  if ('missing' in pg || 'missing' in redis) throw new Error('PostgreSQL or Redis is not available');
  const shared = {
    DATABASE_URL: await pg.createDatabase(),
    REDIS_URL: redis.url,
    REDIS_PREFIX: redis.prefix(),
    ...env,
  };
  const servers: TestServer[] = [];
  for (let i = 0; i < n; i++) {
    const t = await startTestServer({
      env: shared,
      ...(i === 0 && { releases: CLUSTER_RELEASES }),
      overrides: { clusterResyncMs: { up: 3_600_000, down: 3_600_000 } },
    });
    cleanups.push(() => t.dispose());
    servers.push(t);
  }
  return servers;
}

function client(url: string, room: string, options: Parameters<typeof stockClient>[2] = {}): StockClient {
  const c = stockClient(url, room, options);
  cleanups.push(() => c.destroy());
  return c;
}

const keysOf = (doc: Y.Doc) => [...doc.getMap('m').keys()].sort();

describe.skipIf(missing !== null)('several relays (PostgreSQL + Redis)', () => {
  it('CL-01 three relays with stock clients spread over them converge, every update stored once', async () => {
    const [a, b, c] = await relays(3);
    const servers = [a!, b!, c!];
    const clients = servers.flatMap((s) => [client(s.url, 'release:conv'), client(s.url, 'release:conv')]);
    await Promise.all(clients.map(synced));
    // Every client writes at once: 6 clients x 20 updates, on three relays appending to one room.
    for (let round = 0; round < 20; round++) {
      clients.forEach((cl, i) => {
        cl.doc.getMap('m').set(`c${i}-${round}`, round);
      });
      await new Promise((resolve) => setImmediate(resolve));
    }
    const all = clients.flatMap((_, i) => Array.from({ length: 20 }, (_, r) => `c${i}-${r}`)).sort();
    await Promise.all(clients.map((cl) => until(cl.doc, (d) => keysOf(d).length === all.length)));
    for (const cl of clients) expect(keysOf(cl.doc)).toEqual(all);
    // Every relay's room holds the same document as the clients.
    for (const s of servers) {
      const held = await s.server.relay.hold('release:conv' as RoomName);
      await until(held.room.doc, (d) => keysOf(d).length === all.length);
      held.release();
    }
    // PostgreSQL holds it, numbered without gaps: a relay started now loads all of it.
    const stored = await a!.server.storage.rooms.since('release:conv', 0);
    const doc = new Y.Doc();
    for (const row of stored) Y.applyUpdate(doc, row.data);
    expect(keysOf(doc)).toEqual(all);
    expect(stored.map((r) => r.seq)).toEqual(stored.map((_, i) => stored[0]!.seq + i));
  });

  it('CL-02 presence crosses relays, a newcomer hears who is already there, and a leaver is gone everywhere', async () => {
    const [a, b, c] = await relays(3);
    const onA = client(a!.url, 'release:presence');
    const onB = client(b!.url, 'release:presence');
    await Promise.all([synced(onA), synced(onB)]);
    onA.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    const seen = (cl: StockClient, name: string) =>
      [...cl.provider.awareness.getStates().values()].some((s) => s.user?.name === name);
    await waitFor(() => seen(onB, 'Ada'));
    // A newcomer on a third relay, where the room was not loaded, is told of Ada at once.
    const onC = client(c!.url, 'release:presence');
    await synced(onC);
    await waitFor(() => seen(onC, 'Ada'));
    // Presence is never stored.
    const rows = await a!.server.storage.rooms.since('release:presence', 0);
    expect(rows.every((r) => !Buffer.from(r.data).toString().includes('Ada'))).toBe(true);
    onA.destroy();
    await waitFor(() => !seen(onB, 'Ada') && !seen(onC, 'Ada'));
  });

  it('CL-03 a session made on one relay works on the others; the stock client syncs through any of them', async () => {
    const [a, b, c] = await relays(3, { RUNSHEET_OPEN: '0' });
    const admin = await setUpAdmin(a!.url);
    const grace = await signedInUser(admin, 'grace', 'member');
    const onB = new ApiClient(b!.url, { Cookie: grace.cookie! });
    expect((await onB.get<{ user: { username: string } }>('/api/session')).body.user.username).toBe('grace');
    const token = (await grace.post<{ secret: string }>('/api/tokens', { name: 'sync' })).body.secret;
    const viaCookie = client(b!.url, 'release:auth', { headers: { Cookie: grace.cookie! } });
    const viaToken = client(c!.url, 'release:auth', { params: { token } });
    await Promise.all([synced(viaCookie), synced(viaToken)]);
    viaToken.doc.getMap('m').set('from-c', 1);
    await until(viaCookie.doc, (d) => d.getMap('m').get('from-c') === 1);
  });

  it('CL-03 revoking a token, disabling a user or demoting one acts on every relay (control channel)', async () => {
    // The periodic re-check is an hour away: only the control channel can close these connections.
    const [a, b, c] = await relays(3, { RUNSHEET_OPEN: '0', RELAY_AUTH_RECHECK_MS: '3600000' });
    const admin = await setUpAdmin(a!.url);
    const grace = await signedInUser(admin, 'grace', 'member');
    const created = await grace.post<{ secret: string; token: { id: string } }>('/api/tokens', { name: 't' });
    const byToken = [b!, c!].map((s) =>
      client(s.url, 'release:revoke', { params: { token: created.body.secret } }),
    );
    await Promise.all(byToken.map(synced));
    const revokedAt = Date.now();
    expect((await admin.delete(`/api/tokens/${created.body.token.id}`)).status).toBe(204);
    const codes = await Promise.all(byToken.map((cl) => cl.gaveUp));
    console.log(
      `token revoked on relay A: both connections on B and C closed after ${Date.now() - revokedAt} ms`,
    );
    expect(codes.map((x) => x.code)).toEqual([CloseCode.UNAUTHORIZED, CloseCode.UNAUTHORIZED]);

    // Demoted on relay A while connected on relay B: B refuses her next write.
    const socket = await rawSocket(b!.url, 'release:revoke', { Cookie: grace.cookie! });
    cleanups.push(() => socket.ws.terminate());
    await socket.frame(0);
    expect((await admin.patch(`/api/users/${grace.userId}`, { role: 'viewer' })).status).toBe(200);
    await waitFor(() => roleOnRelay(b!) === 'viewer');
    const edit = new Y.Doc();
    edit.getMap('m').set('x', 1);
    socket.ws.send(encodeUpdate(Y.encodeStateAsUpdate(edit)));
    const denied = await socket.frame(1);
    expect(frameKind(denied)[0]).toBe(2);

    // Disabled on relay A: her session's connection on relay C closes.
    const bySession = client(c!.url, 'release:revoke', { headers: { Cookie: grace.cookie! } });
    await synced(bySession);
    expect((await admin.patch(`/api/users/${grace.userId}`, { disabled: true })).status).toBe(200);
    expect((await bySession.gaveUp).code).toBe(CloseCode.UNAUTHORIZED);
  });

  it('CL-03 the sign-in throttle counts failures on every relay together', async () => {
    const servers = await relays(3, { RUNSHEET_OPEN: '0' });
    await setUpAdmin(servers[0]!.url);
    const attempt = (i: number) =>
      new ApiClient(servers[i % 3]!.url).post('/api/auth/login', {
        username: 'ada',
        password: 'wrong password!',
      });
    // Five failures, spread over three relays (each alone would allow five).
    for (let i = 0; i < 5; i++) expect((await attempt(i)).status).toBe(401);
    const refused = await attempt(5);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('CL-03 an account has one message budget on all relays together', async () => {
    const [a, b] = await relays(2, {
      RUNSHEET_OPEN: '0',
      RELAY_MAX_MESSAGES_PER_SECOND: '1000',
      RELAY_MAX_MESSAGE_BURST: '1000',
      RELAY_MAX_MESSAGES_PER_SECOND_PER_USER: '1',
      RELAY_MAX_MESSAGE_BURST_PER_USER: '30',
    });
    const admin = await setUpAdmin(a!.url);
    const grace = await signedInUser(admin, 'grace', 'member');
    const auth = { Cookie: grace.cookie! };
    const queryAwareness = new Uint8Array([3]);
    const onA = await rawSocket(a!.url, 'release:budget', auth);
    const onB = await rawSocket(b!.url, 'release:budget', auth);
    cleanups.push(
      () => onA.ws.terminate(),
      () => onB.ws.terminate(),
    );
    // 20 messages on relay A, 20 on relay B: each relay alone would allow 30.
    for (let i = 0; i < 20; i++) onA.ws.send(queryAwareness);
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (let i = 0; i < 20; i++) onB.ws.send(queryAwareness);
    // Once the relays have settled what they spent, B knows the account is overdrawn.
    await new Promise((resolve) => setTimeout(resolve, 600));
    onB.ws.send(queryAwareness);
    expect((await onB.closed).code).toBe(CloseCode.RATE_LIMITED);
  });

  it('CL-03 SE-01 an account has one update-bytes budget on all relays together', async () => {
    // Budget: 1,024 bytes a second per account, a burst of 2 frames of 1,024 bytes.
    const [a, b] = await relays(2, {
      RUNSHEET_OPEN: '0',
      RELAY_MAX_FRAME_BYTES: '1024',
      RELAY_MAX_UPDATE_BYTES_PER_SECOND: '1000000',
      RELAY_MAX_UPDATE_BYTES_PER_SECOND_PER_USER: '1024',
    });
    const admin = await setUpAdmin(a!.url);
    const grace = await signedInUser(admin, 'grace', 'member');
    const auth = { Cookie: grace.cookie! };
    const onA = await rawSocket(a!.url, 'release:bytes', auth);
    const onB = await rawSocket(b!.url, 'release:bytes', auth);
    cleanups.push(
      () => onA.ws.terminate(),
      () => onB.ws.terminate(),
    );
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 11; i++) doc.getMap('m').set(`k${i}`, 'x'.repeat(340));
    expect(updates.every((u) => u.byteLength > 340 && u.byteLength < 400)).toBe(true);
    // About 1,900 bytes on relay A, then 1,900 on relay B: each relay alone stays within the burst.
    for (const u of updates.slice(0, 5)) onA.ws.send(encodeUpdate(u));
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const u of updates.slice(5, 10)) onB.ws.send(encodeUpdate(u));
    // Once the relays have settled what they spent, B knows the account is overdrawn.
    await new Promise((resolve) => setTimeout(resolve, 600));
    onB.ws.send(encodeUpdate(updates[10]!));
    expect((await onB.closed).code).toBe(CloseCode.RATE_LIMITED);
    doc.destroy();
  });

  it('CL-03 SE-01 a large first sync step 2 on one relay puts the account in debt on the others (LARGE_SYNC_PACED)', async () => {
    // Default large sync budget (1 MB of credit, 16 KB/s); updates over 4 KB are "large".
    const [a, b] = await relays(2, { RUNSHEET_OPEN: '0', RELAY_MAX_UPDATE_BYTES: '4096' });
    const admin = await setUpAdmin(a!.url);
    const grace = await signedInUser(admin, 'grace', 'member');
    const auth = { Cookie: grace.cookie! };
    const big = (key: string) => {
      const doc = new Y.Doc();
      doc.getMap('m').set(key, 'x'.repeat(1_200_000));
      const update = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      return update;
    };
    const onA = await rawSocket(a!.url, 'release:large', auth);
    cleanups.push(() => onA.ws.terminate());
    onA.ws.send(step2Frame(big('first')));
    // Relay A took it (the whole credit and more); once the relays have settled, B knows of the debt.
    const watcher = client(a!.url, 'release:large', { headers: auth });
    await until(watcher.doc, (d) => d.getMap('m').has('first'));
    await new Promise((resolve) => setTimeout(resolve, 600));
    // A fresh connection on B: B reads the account's budget from Redis as it attaches, and the step 2 is
    // sent once B has answered (the stock client answers the relay's sync step 1, a round trip later).
    const onB = await rawSocket(b!.url, 'release:large', auth);
    cleanups.push(() => onB.ws.terminate());
    await onB.frame(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    onB.ws.send(step2Frame(big('second')));
    expect((await onB.closed).code).toBe(CloseCode.LARGE_SYNC_PACED);
  });

  it('CL-04 /healthz on a relay of several checks storage and Redis', async () => {
    const [a] = await relays(1);
    const res = await fetch(`${a!.url}/healthz`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { checks: unknown }).checks).toEqual({ storage: 'ok', redis: 'ok' });
  });
});

/** The role the relay now applies to grace's raw socket (the only connection of that relay's room). */
function roleOnRelay(t: TestServer): string | undefined {
  const relay = t.server.relay as unknown as { connections: Map<{ role: string }, unknown> };
  return [...relay.connections.keys()][0]?.role;
}

/** Polls `check` (presence has no document event to wait on). */
async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
