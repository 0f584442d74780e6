import path from 'node:path';
import { CloseCode } from '@runsheet/protocol';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeUpdate } from '../src/relay/protocol.ts';
import { DATABASE_FILE } from '../src/storage/sqlite/database.ts';
import { type ApiClient, manualClock, setUpAdmin, signedInUser } from './helpers/api-client.ts';
import { storedUpdates } from './helpers/events.ts';
import { frameKind, rawSocket } from './helpers/raw-socket.ts';
import { startTestServer, type TestServer, type TestServerOptions } from './helpers/test-server.ts';
import { type StockClient, stockClient, synced, until } from './helpers/y-client.ts';

const ROOM = 'release:auth';
let t: TestServer;
let admin: ApiClient;
const clock = manualClock();
const cleanups: (() => unknown)[] = [];

async function start(options: TestServerOptions = {}) {
  t = await startTestServer({
    ...options,
    env: { RUNSHEET_OPEN: '0', ...options.env },
    releases: [ROOM],
    overrides: { now: clock.now, ...options.overrides },
  });
  admin = await setUpAdmin(t.url);
}

beforeEach(() => start());
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await t.dispose();
});

function client(options: Parameters<typeof stockClient>[2], room = ROOM): StockClient {
  const c = stockClient(t.url, room, options);
  cleanups.push(() => c.destroy());
  return c;
}

const withCookie = (api: ApiClient) => ({ headers: { Cookie: api.cookie! } });

async function tokenFor(api: ApiClient): Promise<string> {
  const res = await api.post<{ secret: string }>('/api/tokens', { name: 'sync' });
  return res.body.secret;
}

function storedState(room: string): Y.Doc {
  const db = new Database(path.join(t.dataDir, DATABASE_FILE), { readonly: true });
  try {
    const rows = db.prepare('SELECT data FROM room_updates WHERE room = ? ORDER BY seq').all(room) as {
      data: Buffer;
    }[];
    const doc = new Y.Doc();
    for (const row of rows) Y.applyUpdate(doc, row.data);
    return doc;
  } finally {
    db.close();
  }
}

describe('relay: who may connect', () => {
  it('closes a connection without credentials with UNAUTHORIZED; the stock client gives up', async () => {
    const c = client({});
    expect(await c.gaveUp).toEqual({ code: CloseCode.UNAUTHORIZED, reason: 'unauthorized' });
  });

  it.each([
    ['a forged token', 'rst_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['garbage', 'hello'],
  ])('refuses %s in ?token=', async (_name, token) => {
    const c = client({ params: { token } });
    expect((await c.gaveUp).code).toBe(CloseCode.UNAUTHORIZED);
  });

  it('refuses a forged session cookie', async () => {
    const c = client({ headers: { Cookie: 'runsheet_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } });
    expect((await c.gaveUp).code).toBe(CloseCode.UNAUTHORIZED);
  });

  it('accepts a token in ?token= (the stock client in Node) and in Authorization', async () => {
    const token = await tokenFor(admin);
    const viaQuery = client({ params: { token } });
    await synced(viaQuery);
    viaQuery.doc.getMap('m').set('k', 1);
    const viaHeader = client({ headers: { Authorization: `Bearer ${token}` } });
    await until(viaHeader.doc, (d) => d.getMap('m').get('k') === 1);
  });

  it('accepts the session cookie, but not when the page is on another origin', async () => {
    const ok = client(withCookie(admin));
    await synced(ok);
    const hijack = client({ headers: { Cookie: admin.cookie!, Origin: 'http://evil.example' } });
    expect((await hijack.gaveUp).code).toBe(CloseCode.UNAUTHORIZED);
    const sameOrigin = client({ headers: { Cookie: admin.cookie!, Origin: t.url } });
    await synced(sameOrigin);
  });

  it('refuses a revoked token', async () => {
    const created = await admin.post<{ secret: string; token: { id: string } }>('/api/tokens', { name: 'x' });
    await admin.delete(`/api/tokens/${created.body.token.id}`);
    const c = client({ params: { token: created.body.secret } });
    expect((await c.gaveUp).code).toBe(CloseCode.UNAUTHORIZED);
  });

  it('closes an expired session with SESSION_EXPIRED', async () => {
    clock.advance(13 * 3600_000);
    const c = client(withCookie(admin));
    expect(await c.gaveUp).toEqual({ code: CloseCode.SESSION_EXPIRED, reason: 'session-expired' });
  });

  it('still checks the room name first', async () => {
    const c = client(withCookie(admin), 'release:no/way');
    expect((await c.gaveUp).code).toBe(CloseCode.FORBIDDEN_ROOM);
  });
});

describe('relay: access ends while connected', () => {
  it('revoking a token closes its connections at once with UNAUTHORIZED', async () => {
    const created = await admin.post<{ secret: string; token: { id: string } }>('/api/tokens', { name: 'x' });
    const c = client({ params: { token: created.body.secret } });
    await synced(c);
    await admin.delete(`/api/tokens/${created.body.token.id}`);
    expect((await c.gaveUp).code).toBe(CloseCode.UNAUTHORIZED);
  });

  it("signing out closes that session's connections with SESSION_EXPIRED", async () => {
    const member = await signedInUser(admin, 'grace', 'member');
    const c = client(withCookie(member));
    await synced(c);
    await member.post('/api/auth/logout');
    expect((await c.gaveUp).code).toBe(CloseCode.SESSION_EXPIRED);
  });

  it('disabling a user closes their connections with UNAUTHORIZED', async () => {
    const member = await signedInUser(admin, 'grace', 'member');
    const c = client(withCookie(member));
    await synced(c);
    await admin.patch(`/api/users/${member.userId}`, { disabled: true });
    expect((await c.gaveUp).code).toBe(CloseCode.UNAUTHORIZED);
  });

  it('the periodic re-check closes a session that expires while connected', async () => {
    await t.dispose();
    await start({ env: { RELAY_AUTH_RECHECK_MS: '100', SESSION_TTL_HOURS: '1' } });
    const c = client(withCookie(admin));
    await synced(c);
    clock.advance(3600_000 + 1);
    expect((await c.gaveUp).code).toBe(CloseCode.SESSION_EXPIRED);
  });
});

describe('relay: viewers are read-only', () => {
  it("refuses a viewer's update: the stored document is unchanged, and the viewer keeps receiving", async () => {
    const writer = client(withCookie(admin));
    await synced(writer);
    const stored = storedUpdates(t.server.relay, ROOM, 1);
    writer.doc.getMap('steps').set('step:1', 'pending');
    await stored;

    const viewer = await signedInUser(admin, 'vic', 'viewer');
    const socket = await rawSocket(t.url, ROOM, { Cookie: viewer.cookie! });
    cleanups.push(() => socket.ws.terminate());
    await socket.frame(0);
    const sneaky = new Y.Doc();
    sneaky.getMap('steps').set('step:1', 'done');
    socket.ws.send(encodeUpdate(Y.encodeStateAsUpdate(sneaky)));
    socket.ws.send(encodeUpdate(Y.encodeStateAsUpdate(sneaky)));
    // The refusal: one y-protocols auth message, permission denied, reason "read-only".
    const denied = await socket.frame(1);
    expect(frameKind(denied)[0]).toBe(2);
    expect(Buffer.from(denied).toString()).toContain('read-only');

    // Still open, still live: the writer's next change reaches the viewer.
    writer.doc.getMap('steps').set('step:2', 'pending');
    const next = await socket.frame(2);
    expect(frameKind(next)).toEqual([0, 2]);
    expect(socket.received.filter((f) => frameKind(f)[0] === 2)).toHaveLength(1);
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);

    expect(storedState(ROOM).getMap('steps').get('step:1')).toBe('pending');
    const fresh = client(withCookie(admin));
    await synced(fresh);
    await until(fresh.doc, (d) => d.getMap('steps').has('step:2'));
    expect(fresh.doc.getMap('steps').get('step:1')).toBe('pending');
  });

  it('a stock client signed in as a viewer syncs down but its edits never reach others', async () => {
    const writer = client(withCookie(admin));
    await synced(writer);
    writer.doc.getMap('m').set('a', 1);
    const viewerApi = await signedInUser(admin, 'vic', 'viewer');
    const viewer = client(withCookie(viewerApi));
    await until(viewer.doc, (d) => d.getMap('m').get('a') === 1);
    viewer.doc.getMap('m').set('b', 2);
    writer.doc.getMap('m').set('c', 3);
    await until(viewer.doc, (d) => d.getMap('m').get('c') === 3);
    const fresh = client(withCookie(admin));
    await until(fresh.doc, (d) => d.getMap('m').get('c') === 3);
    expect(fresh.doc.getMap('m').has('b')).toBe(false);
  });

  it('a member demoted to viewer while connected can no longer write', async () => {
    const member = await signedInUser(admin, 'grace', 'member');
    const socket = await rawSocket(t.url, ROOM, { Cookie: member.cookie! });
    cleanups.push(() => socket.ws.terminate());
    await socket.frame(0);
    await admin.patch(`/api/users/${member.userId}`, { role: 'viewer' });
    const edit = new Y.Doc();
    edit.getMap('m').set('x', 1);
    socket.ws.send(encodeUpdate(Y.encodeStateAsUpdate(edit)));
    const denied = await socket.frame(1);
    expect(frameKind(denied)[0]).toBe(2);
    expect(storedState(ROOM).getMap('m').has('x')).toBe(false);
  });
});

describe('relay: open mode', () => {
  it('RUNSHEET_OPEN=1 lets the stock client connect with no credentials', async () => {
    await t.dispose();
    t = await startTestServer({ env: { RUNSHEET_OPEN: '1' } });
    const c = client({});
    await synced(c);
    expect(t.server.relay.stats().connections).toBe(1);
  });
});
