import { once } from 'node:events';
import type { AddressInfo, Socket } from 'node:net';
import { CloseCode } from '@runsheet/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { RelaySocket } from '../src/relay/relay-socket.ts';

/**
 * SE-14 pins the ws internals `RelaySocket.limitFrames` writes (the receiver's `_maxPayload`, read on
 * every frame header): a ws upgrade that moves them fails here, not silently in production.
 */
const servers: WebSocketServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    for (const client of server.clients) client.terminate();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A server of RelaySockets (server-wide cap 1,000 bytes) and a client connected to it. */
async function pair(): Promise<{ server: RelaySocket; client: WebSocket }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', maxPayload: 1000, WebSocket: RelaySocket });
  servers.push(wss);
  await once(wss, 'listening');
  const accepted = once(wss, 'connection');
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  const [server] = (await accepted) as [RelaySocket];
  // ws reports a refused frame as an 'error' too; the relay logs it, here it is expected.
  server.on('error', () => {});
  await once(client, 'open');
  return { server, client };
}

async function closeCode(client: WebSocket): Promise<number> {
  const [code] = (await once(client, 'close')) as [number];
  return code;
}

describe('SE-14 RelaySocket.limitFrames', () => {
  it('SE-14 fails loudly when the ws receiver or its field is not where it writes (a ws upgrade moved them)', async () => {
    // How ws makes a server-side socket before `setSocket` gives it a receiver (its types only know clients).
    const detached = new RelaySocket(null as unknown as string, undefined, {});
    expect(() => detached.limitFrames(100, 'UPDATE_TOO_LARGE')).toThrow(/ws internals changed/);
    const { server } = await pair();
    delete (server as unknown as { _receiver: { _maxPayload?: number } })._receiver._maxPayload;
    expect(() => server.limitFrames(100, 'UPDATE_TOO_LARGE')).toThrow(/ws internals changed/);
  });

  it('SE-14 a lowered cap is read on the next frame: a frame over it closes with the named code', async () => {
    const { server, client } = await pair();
    server.limitFrames(100, 'UPDATE_TOO_LARGE');
    expect(server.frameLimit).toBe(100);
    const received: number[] = [];
    server.on('message', (data: Buffer) => received.push(data.byteLength));
    client.send(new Uint8Array(100));
    client.send(new Uint8Array(101));
    expect(await closeCode(client)).toBe(CloseCode.UPDATE_TOO_LARGE);
    expect(received).toEqual([100]);
    expect(server.frameRefusedWith).toBe(CloseCode.UPDATE_TOO_LARGE);
  });

  it('SE-14 a frame over the server-wide cap closes with FRAME_TOO_LARGE whatever the lowered cap names', async () => {
    const { server, client } = await pair();
    server.limitFrames(100, 'UPDATE_TOO_LARGE');
    client.send(new Uint8Array(1001));
    expect(await closeCode(client)).toBe(CloseCode.FRAME_TOO_LARGE);
  });

  it('SE-14 a raised cap lets larger frames through again (a promoted connection)', async () => {
    const { server, client } = await pair();
    server.limitFrames(100, 'UPDATE_TOO_LARGE');
    server.limitFrames(1000, 'FRAME_TOO_LARGE');
    const got = once(server, 'message');
    client.send(new Uint8Array(900));
    expect(((await got)[0] as Buffer).byteLength).toBe(900);
  });

  it('SE-14 after a refused frame the rest of it is not read: the socket is paused, then destroyed', async () => {
    const { server, client } = await pair();
    server.limitFrames(100, 'UPDATE_TOO_LARGE');
    const serverSocket = (server as unknown as { _socket: Socket })._socket;
    // Not `once`: it would reject on the 'error' ws emits for the refused frame.
    const closed = new Promise((resolve) => server.on('close', resolve));
    // 8 MB announced and sent; the server-wide cap (1,000) is not what refuses it here, the lowered one is.
    const header = Buffer.from([0x82, 0xff, 0, 0, 0, 0, 0, 0x80, 0, 0, 0, 0, 0, 0]);
    const clientSocket = (client as unknown as { _socket: Socket })._socket;
    for (let i = 0; i < 128; i++)
      clientSocket.write(i === 0 ? Buffer.concat([header, Buffer.alloc(65_536)]) : Buffer.alloc(65_536));
    await closed;
    expect(serverSocket.bytesRead).toBeLessThan(1_000_000);
  });

  it('SE-14 the notice is sent before the close', async () => {
    const { server, client } = await pair();
    server.limitFrames(100, 'UPDATE_TOO_LARGE', Uint8Array.of(2, 0, 1, 65));
    const frames: number[][] = [];
    client.on('message', (data: Buffer) => frames.push([...data]));
    client.send(new Uint8Array(500));
    expect(await closeCode(client)).toBe(CloseCode.UPDATE_TOO_LARGE);
    expect(frames).toEqual([[2, 0, 1, 65]]);
  });
});
