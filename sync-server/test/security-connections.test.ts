import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import net from 'node:net';
import { CloseCode } from '@runsheet/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiClient, setUpAdmin } from './helpers/api-client.ts';
import { type RawSocket, rawSocket } from './helpers/raw-socket.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

/** SE-03: refused upgrades read nothing; connections are capped; slow requests are cut off. */
let t: TestServer;
let admin: ApiClient;
const cleanups: (() => unknown)[] = [];

async function start(env: Record<string, string> = {}) {
  t = await startTestServer({
    releases: ['release:caps', 'release:x'],
    env: { RUNSHEET_OPEN: '0', ...env },
  });
  admin = await setUpAdmin(t.url);
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await t.dispose();
});

/** A TCP socket to the server that records what it receives and when the server ended it. */
function tcp(): { socket: net.Socket; received: () => Buffer; ended: Promise<number> } {
  const socket = net.connect(t.port, '127.0.0.1');
  cleanups.push(() => socket.destroy());
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => {});
  const started = performance.now();
  const ended = once(socket, 'close').then(() => performance.now() - started);
  return { socket, received: () => Buffer.concat(chunks), ended };
}

/** A masked binary frame of `size` bytes, as a client must send. */
function clientFrame(size: number): Buffer {
  const header = Buffer.from([0x82, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4]);
  header.writeUInt32BE(size, 6);
  return Buffer.concat([header, Buffer.alloc(size)]);
}

async function socket(room = 'release:caps'): Promise<RawSocket> {
  const s = await rawSocket(t.url, room, { Cookie: admin.cookie! });
  cleanups.push(() => s.ws.terminate());
  return s;
}

describe('SE-03: what an unauthenticated or greedy client can hold', () => {
  it('SE-03 an upgrade without credentials gets its 4401 close frame and is ended within seconds, though it never answers the close and keeps sending', async () => {
    await start();
    const { socket, received, ended } = tcp();
    await once(socket, 'connect');
    socket.write(
      'GET /sync/release:x HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n`,
    );
    // Frames of 1 MB for as long as the server lets it (ws would read them until its 30 s close timeout).
    const flood = setInterval(() => {
      if (!socket.destroyed) socket.write(clientFrame(1024 * 1024));
    }, 20);
    cleanups.push(() => clearInterval(flood));
    const after = await ended;
    clearInterval(flood);
    expect(after).toBeLessThan(5_000);
    const answer = received();
    expect(answer.toString('latin1')).toMatch(/^HTTP\/1\.1 101 /);
    const frame = answer.subarray(answer.indexOf('\r\n\r\n') + 4);
    expect(frame[0]).toBe(0x88);
    expect(frame.readUInt16BE(2)).toBe(CloseCode.UNAUTHORIZED);
  });

  it('SE-03 a request without a WebSocket key is answered 400, not upgraded', async () => {
    await start();
    const { socket, received, ended } = tcp();
    await once(socket, 'connect');
    socket.write(
      'GET /sync/release:x HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
    );
    await ended;
    expect(received().toString('latin1')).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('SE-03 connections from one address are capped (RELAY_MAX_CONNECTIONS_PER_ADDRESS); one closing frees a place', async () => {
    await start({ RELAY_MAX_CONNECTIONS_PER_ADDRESS: '3' });
    const held = [await socket(), await socket(), await socket()];
    const refused = await socket();
    expect(await refused.closed).toEqual({
      code: CloseCode.TOO_MANY_CONNECTIONS,
      reason: 'too-many-connections',
    });
    held[0]!.ws.close();
    await held[0]!.closed;
    // The server sees the close a moment after the client does.
    let again = await socket();
    for (let i = 0; i < 20 && again.ws.readyState !== again.ws.OPEN; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      again = await socket();
    }
    expect(again.ws.readyState).toBe(again.ws.OPEN);
  });

  it('SE-03 connections overall are capped (RELAY_MAX_CONNECTIONS)', async () => {
    await start({ RELAY_MAX_CONNECTIONS: '2' });
    await socket();
    await socket();
    expect((await (await socket()).closed).code).toBe(CloseCode.TOO_MANY_CONNECTIONS);
  });

  it('SE-03 a client trickling its headers (slowloris) is cut off after HTTP_HEADERS_TIMEOUT_MS', async () => {
    await start({ HTTP_HEADERS_TIMEOUT_MS: '400' });
    const { socket, ended } = tcp();
    await once(socket, 'connect');
    socket.write('GET /api/auth/status HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const trickle = setInterval(() => {
      if (!socket.destroyed) socket.write('X-Slow: 1\r\n');
    }, 100);
    cleanups.push(() => clearInterval(trickle));
    expect(await ended).toBeLessThan(5_000);
  });
});
