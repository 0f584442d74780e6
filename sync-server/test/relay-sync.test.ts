import { CloseCode } from '@runsheet/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { rawRequest } from './helpers/raw-http.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { type StockClient, stockClient, synced, until } from './helpers/y-client.ts';

let t: TestServer;
const clients: StockClient[] = [];
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await t.dispose();
});

function client(room: string): StockClient {
  const c = stockClient(t.url, room);
  clients.push(c);
  return c;
}

describe('relay: the stock y-websocket client', () => {
  it('syncs two clients both ways', async () => {
    const a = client('release:r1');
    const b = client('release:r1');
    await Promise.all([synced(a), synced(b)]);
    a.doc.getMap('steps').set('s1', 'done');
    await until(b.doc, (d) => d.getMap('steps').get('s1') === 'done');
    b.doc.getArray('events').push(['checked']);
    await until(a.doc, (d) => d.getArray('events').length === 1);
    expect(a.doc.getMap('steps').toJSON()).toEqual(b.doc.getMap('steps').toJSON());
  });

  it('gives a late joiner the whole state at its first sync', async () => {
    const a = client('catalog');
    await synced(a);
    a.doc.getMap('clusters').set('cluster:1', 'prod-eu');
    a.doc.getMap('clusters').set('cluster:2', 'prod-us');
    const c = client('catalog');
    await synced(c);
    // Edits travel a → relay → c before c's sync step 2 is answered? No matter: c's first sync holds them.
    await until(c.doc, (d) => d.getMap('clusters').size === 2);
    expect(c.doc.getMap('clusters').toJSON()).toEqual({ 'cluster:1': 'prod-eu', 'cluster:2': 'prod-us' });
  });

  it('keeps rooms apart', async () => {
    const a = client('release:a');
    const b = client('release:b');
    await Promise.all([synced(a), synced(b)]);
    a.doc.getMap('m').set('k', 1);
    const a2 = client('release:a');
    await until(a2.doc, (d) => d.getMap('m').get('k') === 1);
    expect(b.doc.getMap('m').size).toBe(0);
  });

  it('relays awareness (presence) to the others', async () => {
    const a = client('release:p');
    const b = client('release:p');
    await Promise.all([synced(a), synced(b)]);
    a.provider.awareness.setLocalStateField('user', { name: 'Ada', step: 'step:7' });
    await new Promise<void>((resolve) => {
      const check = () => {
        if (b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Ada') resolve();
      };
      b.provider.awareness.on('change', check);
      check();
    });
  });

  it.each(['nope', 'release:', 'release:bad/slash', 'release:a.b', `release:${'x'.repeat(65)}`, 'CATALOG'])(
    'refuses room %j with FORBIDDEN_ROOM, and the stock client stops retrying',
    async (room) => {
      const c = client(room);
      expect(await c.gaveUp).toEqual({ code: CloseCode.FORBIDDEN_ROOM, reason: 'forbidden-room' });
      expect(c.provider.shouldConnect).toBe(false);
    },
  );

  it('accepts a percent-encoded colon in the room name', async () => {
    const a = client('release:enc');
    await synced(a);
    a.doc.getText('t').insert(0, 'hi');
    const b = stockClient(t.url, 'release%3Aenc');
    clients.push(b);
    await until(b.doc, (d) => d.getText('t').toString() === 'hi');
  });

  it('answers upgrades outside /sync/ with 404', async () => {
    const res = await rawRequest(t.port, '/elsewhere', {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    });
    expect(res.status).toBe(404);
  });
});

describe('relay: stored state', () => {
  it('loads a room before answering its first sync, so a client never sees it empty', async () => {
    const a = client('release:load');
    await synced(a);
    a.doc.getMap('m').set('k', 'v');
    const stored = new Promise((resolve) => t.server.relay.once('update-stored', resolve));
    await stored;
    a.destroy();
    // A fresh server on the same files: nothing in memory.
    await t.stop();
    const t2 = await startTestServer({ dataDir: t.dataDir });
    try {
      const doc = new Y.Doc();
      const b = stockClient(t2.url, 'release:load', { doc });
      clients.push(b);
      const seenAtSync = new Promise<unknown>((resolve) => {
        b.provider.on('sync', (ok: boolean) => ok && resolve(doc.getMap('m').get('k')));
      });
      expect(await seenAtSync).toBe('v');
    } finally {
      await t2.dispose();
    }
  });
});
