import { CloseCode } from '@runsheet/protocol';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { DocLink, type DocLinkOptions } from './doc-link.ts';
import { FakeNetwork } from './testing/fake-relay.ts';

const links: DocLink[] = [];
afterEach(() => {
  for (const link of links.splice(0)) link.destroy();
});

function makeLink(network: FakeNetwork, options: Partial<DocLinkOptions> = {}) {
  const doc = options.doc ?? new Y.Doc();
  const link = new DocLink({
    serverUrl: 'ws://relay.test/sync',
    room: 'catalog',
    doc,
    confirmDelayMs: 0,
    WebSocketPolyfill: network.WebSocket,
    ...options,
  });
  links.push(link);
  return { link, doc };
}

function edit(doc: Y.Doc, key: string, value: string, origin: unknown = 'local') {
  doc.transact(() => doc.getMap('m').set(key, value), origin);
}

/** A sync "update" frame as the relay sends it. */
function syncFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

const relayMap = (network: FakeNetwork) => network.room('catalog').doc.getMap('m').toJSON();

describe('DocLink: changes waiting for the relay', () => {
  it('SY-02 counts a change made while connected until the relay has answered the barrier after it', async () => {
    const network = new FakeNetwork();
    const { link, doc } = makeLink(network);
    link.connect();
    await network.settle();
    expect(link.snapshot()).toMatchObject({ status: 'connected', synced: true, pending: 0 });

    edit(doc, 'a', '1');
    expect(link.snapshot()).toMatchObject({ pending: 1, synced: false });
    // The update reaches the relay, but nothing has answered a barrier sent after it yet.
    network.flush();
    expect(relayMap(network)).toEqual({ a: '1' });
    expect(link.snapshot().pending).toBe(1);
    await network.settle();
    expect(link.snapshot()).toMatchObject({ pending: 0, synced: true });
  });

  it('SY-02 uploads changes made before connecting in the handshake, then confirms them', async () => {
    const network = new FakeNetwork();
    const { link, doc } = makeLink(network);
    edit(doc, 'a', '1');
    edit(doc, 'b', '2');
    edit(doc, 'c', '3');
    expect(link.snapshot()).toMatchObject({ status: 'idle', pending: 3 });
    link.connect();
    await network.settle();
    expect(relayMap(network)).toEqual({ a: '1', b: '2', c: '3' });
    expect(link.snapshot()).toMatchObject({ pending: 0, synced: true });
    // The upload went in the handshake's step 2, not as separate updates.
    expect(network.room('catalog').received).not.toContain('update');
  });

  it('SY-09 keeps changes waiting when the connection drops before the answer, and confirms after reconnecting', async () => {
    const network = new FakeNetwork();
    const { link, doc } = makeLink(network, { maxBackoffTime: 1 });
    link.connect();
    await network.settle();
    edit(doc, 'a', '1');
    // The relay dies with the update still on the wire.
    network.dropAll();
    network.reachable = false;
    network.flush();
    expect(link.snapshot()).toMatchObject({ status: 'retrying', pending: 1 });
    expect(relayMap(network)).toEqual({});

    network.reachable = true;
    await until(network, () => link.snapshot().synced);
    expect(relayMap(network)).toEqual({ a: '1' });
    expect(link.snapshot().pending).toBe(0);
  });

  it('SY-03 does not count or echo updates that came from the relay', async () => {
    const network = new FakeNetwork();
    const { link, doc } = makeLink(network);
    link.connect();
    await network.settle();
    const room = network.room('catalog');
    room.received.length = 0;
    edit(room.doc, 'remote', 'x', 'someone else');
    await network.settle();
    expect(doc.getMap('m').toJSON()).toEqual({ remote: 'x' });
    expect(link.snapshot().pending).toBe(0);
    expect(room.received).not.toContain('update');
  });

  it('SY-03 holds an update that overtook its predecessor, so a field never blinks empty', async () => {
    const network = new FakeNetwork();
    const { link, doc } = makeLink(network);
    const remote = new Y.Doc();
    const updates: Uint8Array[] = [];
    remote.on('update', (u: Uint8Array) => updates.push(u));
    edit(remote, 'name', 'a');
    Y.applyUpdate(doc, updates[0] as Uint8Array);
    link.connect();
    await network.settle();
    edit(remote, 'other', 'z');
    edit(remote, 'name', 'b');
    const socket = [...network.room('catalog').sockets][0];
    // The second change arrives first (a broadcast racing the first sync, say).
    socket?.sendDown(syncFrame(updates[2] as Uint8Array));
    network.flush();
    expect(doc.getMap('m').get('name')).toBe('a');
    socket?.sendDown(syncFrame(updates[1] as Uint8Array));
    network.flush();
    expect(doc.getMap('m').toJSON()).toEqual({ name: 'b', other: 'z' });
  });

  it('SY-02 does not count updates from origins named as not local (loaded from storage)', async () => {
    const network = new FakeNetwork();
    const STORAGE = { source: 'storage' };
    const { link, doc } = makeLink(network, { notLocal: [STORAGE] });
    edit(doc, 'a', '1', STORAGE);
    expect(link.snapshot().pending).toBe(0);
  });

  it('SY-02 starts from the count an earlier page left waiting and reports every change of it', async () => {
    const network = new FakeNetwork();
    const reported: number[] = [];
    const { link } = makeLink(network, {
      waitingBefore: 2,
      onWaitingChange: (_room, n) => reported.push(n),
    });
    expect(link.snapshot().pending).toBe(2);
    link.connect();
    await network.settle();
    expect(link.snapshot().pending).toBe(0);
    expect(reported).toEqual([0]);
  });

  it('SY-05 never confirms changes on a read-only connection, and says it is read-only', async () => {
    const network = new FakeNetwork();
    network.readOnlyRooms.add('catalog');
    const { link, doc } = makeLink(network);
    edit(doc, 'a', '1');
    link.connect();
    await network.settle();
    edit(doc, 'b', '2');
    await network.settle();
    expect(relayMap(network)).toEqual({});
    expect(link.snapshot()).toMatchObject({ readOnly: true, pending: 2, synced: false });
  });

  it('SY-04 stops on a 44xx close and resumes uploading on connect()', async () => {
    const network = new FakeNetwork();
    const { link, doc } = makeLink(network);
    link.connect();
    await network.settle();
    network.dropAll(4440);
    await network.settle();
    expect(link.snapshot()).toMatchObject({ status: 'stopped', stoppedBy: { code: 4440 } });
    edit(doc, 'a', '1');
    await network.settle();
    expect(link.snapshot()).toMatchObject({ status: 'stopped', pending: 1 });
    link.connect();
    await network.settle();
    expect(link.snapshot()).toMatchObject({ status: 'connected', stoppedBy: null, pending: 0 });
    expect(relayMap(network)).toEqual({ a: '1' });
  });

  it('SE-01 a LARGE_SYNC_PACED close waits a minute instead of re-sending the upload at once, and counts what waits meanwhile', async () => {
    const network = new FakeNetwork();
    const { link, doc } = makeLink(network);
    link.connect();
    await network.settle();
    edit(doc, 'a', '1');
    network.dropAll(CloseCode.LARGE_SYNC_PACED);
    await network.settle();
    // The stock client would be back within 2.5 s; a paced link opens no socket until its wait is over.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await network.settle();
    expect(link.snapshot()).toMatchObject({ status: 'retrying', paced: true, stoppedBy: null, pending: 1 });
    expect(network.room('catalog').sockets.size).toBe(0);
    // Coming back (online, resumed, or the minute over) starts over and uploads what waited.
    link.connect();
    await network.settle();
    expect(link.snapshot()).toMatchObject({ status: 'connected', paced: false, pending: 0 });
    expect(relayMap(network)).toEqual({ a: '1' });
  });
});

/** A Yjs update that changes nothing, as an empty sync step 2 carries it. */
const isEmptyUpdate = (update: Uint8Array) => update.byteLength === 2 && update[0] === 0 && update[1] === 0;

describe('DocLink: a device that may not write uploads nothing (SE-14)', () => {
  it('SE-14 a viewer’s link answers the relay’s sync step 1 with an empty sync step 2 and sends no local change', async () => {
    const network = new FakeNetwork();
    network.readOnlyRooms.add('catalog');
    const { link, doc } = makeLink(network, { mayUpload: () => false });
    edit(doc, 'before', 'x'.repeat(10_000));
    link.connect();
    await network.settle();
    edit(doc, 'after', 'y'.repeat(10_000));
    await network.settle();
    const room = network.room('catalog');
    expect(room.step2s).toHaveLength(1);
    expect(isEmptyUpdate(room.step2s[0]!)).toBe(true);
    expect(room.received).not.toContain('update');
    expect(relayMap(network)).toEqual({});
    // Still a working viewer: told read-only, and it receives what others write.
    expect(link.snapshot()).toMatchObject({ status: 'connected', readOnly: true, pending: 2 });
    room.doc.getMap('m').set('from-a-member', '1');
    await network.settle();
    expect(doc.getMap('m').get('from-a-member')).toBe('1');
  });

  it('SE-14 refused as read-only, the link uploads nothing on the provider’s own reconnects (no upload loop against UPDATE_TOO_LARGE), and everything once connect() starts over', async () => {
    const network = new FakeNetwork();
    network.readOnlyRooms.add('catalog');
    // The session still says member (demoted elsewhere): the first handshake uploads, and is refused.
    const { link, doc } = makeLink(network, { maxBackoffTime: 1 });
    edit(doc, 'a', 'offline work');
    link.connect();
    await network.settle();
    const room = network.room('catalog');
    expect(isEmptyUpdate(room.step2s[0]!)).toBe(false);
    expect(link.snapshot().readOnly).toBe(true);
    // The relay closes an over-large upload of a viewer with the transient UPDATE_TOO_LARGE.
    network.dropAll(CloseCode.UPDATE_TOO_LARGE);
    await until(network, () => room.step2s.length === 2);
    expect(isEmptyUpdate(room.step2s[1]!)).toBe(true);
    expect(link.uploads).toBe(false);
    // Promoted: the sync manager starts the link over, and the handshake carries the waiting work.
    network.readOnlyRooms.delete('catalog');
    link.disconnect();
    link.connect();
    await network.settle();
    expect(relayMap(network)).toEqual({ a: 'offline work' });
    expect(link.snapshot()).toMatchObject({ readOnly: false, pending: 0 });
  });

  it('SE-16 a room the relay refuses as full: told once, the link says full (not read-only), keeps its changes waiting, uploads nothing more on its own reconnects, and still receives', async () => {
    const network = new FakeNetwork();
    network.fullRooms.add('catalog');
    const { link, doc } = makeLink(network, { maxBackoffTime: 1 });
    link.connect();
    await network.settle();
    edit(doc, 'a', '1');
    await network.settle();
    const room = network.room('catalog');
    expect(relayMap(network)).toEqual({});
    expect(link.snapshot()).toMatchObject({ full: true, readOnly: false, pending: 1, synced: false });
    room.doc.getMap('m').set('written-before', '1');
    await network.settle();
    expect(doc.getMap('m').get('written-before')).toBe('1');
    // The provider's own reconnect: its step 2 is empty (nothing is sent again), and it is still full.
    const step2s = room.step2s.length;
    network.dropAll(1006);
    await until(network, () => room.step2s.length === step2s + 1);
    expect(isEmptyUpdate(room.step2s[step2s]!)).toBe(true);
    expect(link.snapshot()).toMatchObject({ full: true, pending: 1 });
    // An admin made room; the page starts the link over: what waited goes up.
    network.fullRooms.delete('catalog');
    link.disconnect();
    link.connect();
    await network.settle();
    expect(relayMap(network)).toEqual({ 'written-before': '1', a: '1' });
    expect(link.snapshot()).toMatchObject({ full: false, pending: 0 });
  });

  it('SE-14 a link that may upload still uploads in its handshake and sends local changes live', async () => {
    const network = new FakeNetwork();
    const { link, doc } = makeLink(network, { mayUpload: () => true });
    edit(doc, 'a', '1');
    link.connect();
    await network.settle();
    edit(doc, 'b', '2');
    await network.settle();
    expect(relayMap(network)).toEqual({ a: '1', b: '2' });
    expect(network.room('catalog').received).toContain('update');
    expect(link.heldBack).toBe(false);
  });
});

/** Delivers frames, letting the provider's reconnect timers run, until `done()` holds. */
async function until(network: FakeNetwork, done: () => boolean) {
  for (let round = 0; round < 200 && !done(); round++) {
    network.flush();
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  expect(done()).toBe(true);
}
