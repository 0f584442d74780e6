import { CloseCode } from '@runsheet/protocol';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeUpdate } from '../src/relay/protocol.ts';
import { nextEvent } from './helpers/events.ts';
import { randomBytes, seededRandom } from './helpers/random.ts';
import { frameKind, type RawSocket, rawSocket } from './helpers/raw-socket.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { type StockClient, stockClient, synced, until } from './helpers/y-client.ts';

let t: TestServer;
const cleanups: (() => unknown)[] = [];
beforeEach(async () => {
  t = await startTestServer({
    env: {
      RELAY_MAX_FRAME_BYTES: '65536',
      RELAY_MAX_MESSAGES_PER_SECOND: '5',
      RELAY_MAX_MESSAGE_BURST: '20',
    },
  });
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await t.dispose();
});

async function raw(room = 'release:limits'): Promise<RawSocket> {
  const socket = await rawSocket(t.url, room);
  cleanups.push(() => socket.ws.terminate());
  return socket;
}

function client(room = 'release:limits'): StockClient {
  const c = stockClient(t.url, room);
  cleanups.push(() => c.destroy());
  return c;
}

/** A working pair in the room: proves other clients carry on after one is closed. */
async function bystanders() {
  const a = client();
  const b = client();
  await Promise.all([synced(a), synced(b)]);
  return {
    async stillSync(value: string) {
      a.doc.getMap('m').set('k', value);
      await until(b.doc, (d) => d.getMap('m').get('k') === value);
    },
  };
}

function bytes(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

const MALFORMED: [string, Uint8Array | string][] = [
  ['empty frame', new Uint8Array(0)],
  ['truncated varint message type', new Uint8Array([0x80])],
  ['truncated varint sync type', new Uint8Array([0, 0xff])],
  ['unknown message type', new Uint8Array([9, 0, 0])],
  ['auth message from a client', new Uint8Array([2, 0, 0])],
  ['unknown sync type', new Uint8Array([0, 7, 0])],
  ['payload longer than the frame', new Uint8Array([0, 2, 50, 1, 2])],
  [
    'trailing bytes',
    bytes((e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint8Array(e, new Uint8Array([0, 0]));
      encoding.writeUint8(e, 1);
    }),
  ],
  ['update that is not a Yjs update', new Uint8Array([0, 2, 3, 5, 0xff, 0xff])],
  ['state vector that is garbage', new Uint8Array([0, 0, 2, 3, 1])],
  [
    'awareness with bad JSON',
    bytes((e) => {
      encoding.writeVarUint(e, 1);
      const inner = encoding.createEncoder();
      encoding.writeVarUint(inner, 1);
      encoding.writeVarUint(inner, 42);
      encoding.writeVarUint(inner, 1);
      encoding.writeVarString(inner, '{not json');
      encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
    }),
  ],
  ['text frame', 'hello'],
  // Found by fuzzing (mutated real updates, seed 11): parses as a Yjs update, then Yjs throws integrating it.
  [
    'update that parses but does not integrate',
    encodeUpdate(Buffer.from('0101c0bda97d0ce12800c0bda9ee0c09f7710177017a00', 'hex')),
  ],
];

describe('relay limits and malformed input', () => {
  it.each(MALFORMED)(
    'closes the sender on %s with MALFORMED_MESSAGE; others carry on',
    async (_name, frame) => {
      const others = await bystanders();
      const socket = await raw();
      socket.ws.send(frame);
      // In a release room, an update whose structs refer to ones the room lacks is refused before Yjs
      // sees it (SE-15), with the transient UPDATE_AHEAD.
      const expected =
        _name === 'update that parses but does not integrate'
          ? { code: CloseCode.UPDATE_AHEAD, reason: 'update-ahead' }
          : { code: CloseCode.MALFORMED_MESSAGE, reason: 'malformed-message' };
      expect(await socket.closed).toEqual(expected);
      await others.stillSync('after');
    },
  );

  it('survives random frames from a seeded generator', async () => {
    const others = await bystanders();
    const random = seededRandom(20_240_611);
    for (let round = 0; round < 40; round++) {
      const socket = await raw();
      // Half start with a valid message type, so the fuzz reaches the sync, update and awareness decoders.
      const frame = randomBytes(random, 1 + Math.floor(random() * 64));
      if (round % 2 === 0) frame[0] = Math.floor(random() * 4);
      if (round % 4 === 0 && frame.length > 1) frame[1] = Math.floor(random() * 3);
      socket.ws.send(frame);
      const outcome = await Promise.race([socket.closed, socket.frame(0).then(() => 'open' as const)]);
      // Either refused, or (rarely) a frame that happens to be valid; never anything else.
      if (outcome !== 'open')
        expect([CloseCode.MALFORMED_MESSAGE, CloseCode.UPDATE_AHEAD], `round ${round}`).toContain(
          outcome.code,
        );
      socket.ws.terminate();
    }
    // Mutated real updates get past the envelope into Yjs itself.
    const source = new Y.Doc();
    source.getMap('m').set('a', { x: 1 });
    source.getText('t').insert(0, 'hello');
    source.getArray('arr').push([1, 'two']);
    const update = Y.encodeStateAsUpdate(source);
    for (let round = 0; round < 20; round++) {
      const mutated = new Uint8Array(update);
      for (let flip = 0; flip < 3; flip++)
        mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 256);
      const socket = await raw(`release:fuzz-${round}`);
      socket.ws.send(encodeUpdate(mutated));
      // A query makes the relay answer if it kept the connection: then the update was accepted.
      socket.ws.send(new Uint8Array([3]));
      const outcome = await Promise.race([socket.closed, socket.frame(1).then(() => 'open' as const)]);
      if (outcome !== 'open') expect(outcome.code, `mutation ${round}`).toBe(CloseCode.MALFORMED_MESSAGE);
      socket.ws.terminate();
    }
    await others.stillSync('after-fuzz');
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });

  it('closes a connection that sends a frame over maxFrameBytes with FRAME_TOO_LARGE', async () => {
    const others = await bystanders();
    const socket = await raw();
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x'.repeat(70_000));
    socket.ws.send(encodeUpdate(Y.encodeStateAsUpdate(doc)));
    expect(await socket.closed).toEqual({ code: CloseCode.FRAME_TOO_LARGE, reason: 'frame-too-large' });
    await others.stillSync('after-big');
  });

  it('closes a connection that exceeds the message rate with RATE_LIMITED', async () => {
    const others = await bystanders();
    const socket = await raw();
    const queryAwareness = new Uint8Array([3]);
    for (let i = 0; i < 40; i++) socket.ws.send(queryAwareness);
    expect(await socket.closed).toEqual({ code: CloseCode.RATE_LIMITED, reason: 'rate-limited' });
    await others.stillSync('after-flood');
  });

  it('allows a burst within the limit', async () => {
    const socket = await raw();
    const queryAwareness = new Uint8Array([3]);
    for (let i = 0; i < 15; i++) socket.ws.send(queryAwareness);
    // First frame is the relay's sync step 1, then one awareness answer per query.
    const last = await socket.frame(15);
    expect(frameKind(last)[0]).toBe(1);
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
  });
});

describe('relay liveness', () => {
  it('drops a connection that stops answering pings', async () => {
    const fast = await startTestServer({ env: { RELAY_PING_INTERVAL_MS: '100' } });
    cleanups.push(() => fast.dispose());
    const { WebSocket } = await import('ws');
    // autoPong off: the socket stays open at the TCP level but never answers, like a laptop whose lid closed.
    const ws = new WebSocket(`${fast.url.replace('http', 'ws')}/sync/release:ping`, { autoPong: false });
    const dropped = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    const closedOnServer = new Promise<void>((resolve) =>
      fast.server.relay.once('connection-closed', () => resolve()),
    );
    await closedOnServer;
    expect(await dropped).toBe(1006);
    expect(fast.server.relay.stats().connections).toBe(0);
  });
});

describe('a client that stops reading', () => {
  it('SY-10 is dropped once more than maxBufferedBytes wait for it; the others carry on and it catches up on return', async () => {
    const small = await startTestServer({
      env: {
        RELAY_MAX_BUFFERED_BYTES: String(256 * 1024),
        RELAY_MAX_MESSAGES_PER_SECOND: '100000',
        RELAY_MAX_MESSAGE_BURST: '100000',
      },
    });
    cleanups.push(() => small.dispose());
    const room = 'release:stalled';
    const stalled = await rawSocket(small.url, room);
    cleanups.push(() => stalled.ws.terminate());
    await stalled.frame(0);
    // The tablet on a stalled VPN: its TCP socket stops reading, so the relay's queue for it grows.
    (stalled.ws as unknown as { _socket: { pause(): void } })._socket.pause();

    const writer = stockClient(small.url, room);
    const reader = stockClient(small.url, room);
    cleanups.push(
      () => writer.destroy(),
      () => reader.destroy(),
    );
    await Promise.all([synced(writer), synced(reader)]);
    const dropped = nextEvent(
      small.server.relay,
      'connection-closed',
      (_, code) => code === CloseCode.TOO_SLOW,
    );
    let written = 0;
    let done = false;
    void dropped.then(() => {
      done = true;
    });
    // 64 KB updates until the relay gives up on the stalled socket (loopback buffers take a few MB first).
    while (!done && written < 2_000) {
      writer.doc.getMap('m').set(`k${written}`, 'x'.repeat(64 * 1024));
      written += 1;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(done).toBe(true);
    expect(await dropped).toEqual([room, CloseCode.TOO_SLOW]);

    // The reader was never slowed down, and a device coming back gets everything from the relay.
    await until(reader.doc, (d) => d.getMap('m').size === written);
    const back = stockClient(small.url, room);
    cleanups.push(() => back.destroy());
    await until(back.doc, (d) => d.getMap('m').size === written);
  });
});
