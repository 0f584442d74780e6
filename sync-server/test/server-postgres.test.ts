import { thawRelease } from '@runsheet/doc';
import { archiveRelease, markDone, testContext } from '@runsheet/domain';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ApiClient, setUpAdmin, signedInUser } from './helpers/api-client.ts';
import { storedUpdates } from './helpers/events.ts';
import { type TestPostgres, usePostgres, warnMissing } from './helpers/postgres.ts';
import { seedRelease } from './helpers/seed.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { stockClient, synced, until } from './helpers/y-client.ts';

/** The whole server on DATABASE_URL: what the SQLite default does, against a real PostgreSQL. */
// At collection time, so that without PostgreSQL the suite is skipped (loudly), not failed.
const pg: TestPostgres | { missing: string } = await usePostgres();
if ('missing' in pg) warnMissing('server on PostgreSQL', pg.missing);
afterAll(async () => {
  if (!('missing' in pg)) await pg.dispose();
});

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function database(): Promise<string> {
  if ('missing' in pg) throw new Error(`PostgreSQL is not available: ${pg.missing}`);
  return pg.createDatabase();
}

async function server(url: string, env: Record<string, string> = {}): Promise<TestServer> {
  const t = await startTestServer({
    env: { DATABASE_URL: url, RUNSHEET_OPEN: '0', ...env },
    releases: ['release:pg', 'release:gap'],
  });
  cleanups.push(() => t.dispose());
  return t;
}

describe.skipIf('missing' in pg)('the server on PostgreSQL', () => {
  it('signs in, syncs a room through the stock client and keeps it across a restart', async () => {
    const url = await database();
    const first = await server(url);
    expect(first.server.storage.engine).toBe('postgres');
    const admin = await setUpAdmin(first.url);
    const token = (await admin.post<{ secret: string }>('/api/tokens', { name: 'sync' })).body.secret;
    const a = stockClient(first.url, 'release:pg', { params: { token } });
    cleanups.push(() => a.destroy());
    await synced(a);
    const stored = storedUpdates(first.server.relay, 'release:pg', 3);
    for (let i = 0; i < 3; i++) a.doc.getMap('steps').set(`step:${i}`, { status: 'done' });
    await stored;
    a.destroy();
    await first.stop();

    // A second server on the same database: the sign-in, the token and the document are all there.
    const second = await server(url);
    const again = new ApiClient(second.url, { Authorization: `Bearer ${token}` });
    expect((await again.get('/api/session')).status).toBe(200);
    const b = stockClient(second.url, 'release:pg', { params: { token } });
    cleanups.push(() => b.destroy());
    await until(b.doc, (d) => d.getMap('steps').size === 3);
    // The browser session made on the first server is in PostgreSQL too.
    const sameCookie = new ApiClient(second.url, { Cookie: admin.cookie! });
    expect((await sameCookie.get<{ user: { username: string } }>('/api/session')).body.user.username).toBe(
      'ada',
    );
    const audit = await sameCookie.get<{ items: Array<{ action: string; entity: string }> }>('/api/audit');
    expect(audit.body.items.filter((r) => r.action === 'sync.join').map((r) => r.entity)).toEqual([
      'release:pg',
      'release:pg',
    ]);
  });

  it('a session made on one server is valid on another on the same database; revoking it ends it on both', async () => {
    const url = await database();
    const one = await server(url);
    const two = await server(url);
    const admin = await setUpAdmin(one.url);
    const bea = await signedInUser(admin, 'bea', 'member');
    const onTwo = new ApiClient(two.url, { Cookie: bea.cookie! });
    expect((await onTwo.get<{ user: { username: string } }>('/api/session')).body.user.username).toBe('bea');
    expect((await bea.post('/api/auth/logout', {})).status).toBe(204);
    expect((await onTwo.get('/api/session')).status).toBe(401);
  });

  it('a relay that finds a gap in the sequence numbers (another relay wrote) reads what it missed', async () => {
    const url = await database();
    const one = await server(url, { RUNSHEET_OPEN: '1' });
    const two = await server(url, { RUNSHEET_OPEN: '1' });
    const a = stockClient(one.url, 'release:gap');
    const b = stockClient(two.url, 'release:gap');
    cleanups.push(
      () => a.destroy(),
      () => b.destroy(),
    );
    await Promise.all([synced(a), synced(b)]);
    const storedOnOne = storedUpdates(one.server.relay, 'release:gap', 1);
    a.doc.getMap('m').set('from-a', 1);
    await storedOnOne;
    // Nothing tells relay two (no Redis here); its next append comes back numbered 2, not 1.
    b.doc.getMap('m').set('from-b', 1);
    await until(b.doc, (d) => d.getMap('m').get('from-a') === 1);
  });

  it('FZ-06 FZ-07 archiving on PostgreSQL stores the snapshot and serves it; a second relay on the same database serves the same bytes', async () => {
    const url = await database();
    const first = await server(url);
    const admin = await setUpAdmin(first.url);
    const seeded = await seedRelease(first.server, { clusters: 1, customersPerCluster: 2, templates: 2 });
    const ctx = testContext({ device: 'pg-frozen' });
    const done = await first.server.workspace.run(
      markDone,
      { releaseId: seeded.releaseId, stepId: seeded.firstStep, notes: 'on pg' },
      ctx,
    );
    expect(done.ok).toBe(true);
    expect((await first.server.workspace.run(archiveRelease, { releaseId: seeded.releaseId }, ctx)).ok).toBe(
      true,
    );
    await first.server.freezer.settled();
    const row = await first.server.storage.frozen.get(seeded.releaseId);
    expect(row?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(thawRelease(row!.bytes).stepStates[seeded.firstStep]?.notes).toBe('on pg');
    const path = `/api/releases/${encodeURIComponent(seeded.releaseId)}/steps/${encodeURIComponent(seeded.firstStep)}`;
    const step = await admin.get<{ step: { status: string } }>(path);
    expect(step.body.step.status).toBe('done');

    const second = await server(url);
    const res = await fetch(`${second.url}/api/releases/${encodeURIComponent(seeded.releaseId)}/frozen`, {
      headers: { Cookie: admin.cookie! },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${row!.hash}"`);
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([...row!.bytes]);
  });
});
