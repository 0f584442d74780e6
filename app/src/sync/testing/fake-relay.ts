/**
 * Test-only: an in-memory relay and network for y-websocket providers, flushed by hand. Frames wait in
 * queues until `flush()`, so a test decides exactly what has arrived where (tldraw's and Yjs' approach to
 * deterministic sync tests). The relay behaves as Runsheet's does in what the client relies on: step 1 on
 * join, one step 2 answer per step 1, in order; updates applied and passed to the other sockets; a
 * read-only socket's (or a full room's) writes dropped with one permission-denied message.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

const SYNC = 0;
const AWARENESS = 1;

type Direction = 'up' | 'down';
interface Frame {
  socket: FakeSocket;
  direction: Direction;
  data: Uint8Array;
}

export class FakeNetwork {
  readonly rooms = new Map<string, FakeRoom>();
  private queue: Array<Frame | { socket: FakeSocket; direction: 'open' | 'close'; code?: number }> = [];
  /** While false, sockets fail to open (the server is down or the device offline). */
  reachable = true;
  readOnlyRooms = new Set<string>();
  /** Rooms as large as the relay allows (SE-16): every write but an empty one refused as `room-full`. */
  fullRooms = new Set<string>();

  room(name: string): FakeRoom {
    let room = this.rooms.get(name);
    if (!room) {
      room = new FakeRoom();
      this.rooms.set(name, room);
    }
    return room;
  }

  /** The WebSocket class to give a provider (`WebSocketPolyfill`). */
  get WebSocket(): typeof globalThis.WebSocket {
    const network = this;
    class Socket extends FakeSocket {
      constructor(url: string) {
        super(network, url);
      }
    }
    return Socket as unknown as typeof globalThis.WebSocket;
  }

  enqueue(item: FakeNetwork['queue'][number]): void {
    this.queue.push(item);
  }

  /** Delivers queued frames (and whatever they cause) until nothing is left. */
  flush(): void {
    for (let item = this.queue.shift(); item; item = this.queue.shift()) {
      const { socket } = item;
      if (item.direction === 'open') socket.deliverOpen();
      else if (item.direction === 'close') socket.deliverClose(item.code ?? 1006);
      else if ('data' in item && item.direction === 'up') socket.room?.receive(socket, item.data);
      else if ('data' in item) socket.deliverMessage(item.data);
    }
  }

  /**
   * Delivers everything, including what the clients send in answer from microtasks and zero-delay timers
   * (the confirmation barrier), until the network is quiet.
   */
  async settle(): Promise<void> {
    for (let round = 0; round < 100; round++) {
      this.flush();
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.queue.length === 0) return;
    }
    throw new Error('the network did not settle in 100 rounds');
  }

  /** Drops every open socket as a killed server would (close code 1006), after delivering nothing more. */
  dropAll(code = 1006): void {
    this.queue = [];
    for (const room of this.rooms.values()) {
      for (const socket of [...room.sockets]) {
        room.leave(socket);
        this.enqueue({ socket, direction: 'close', code });
      }
    }
  }

  get queued(): number {
    return this.queue.length;
  }
}

export class FakeRoom {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly sockets = new Set<FakeSocket>();
  /** Every sync message type received, for assertions about what the client sent. */
  readonly received: string[] = [];
  /** The payload of every sync step 2 received: what a client uploaded in its handshakes. */
  readonly step2s: Uint8Array[] = [];
  private readonly refused = new Set<FakeSocket>();

  constructor() {
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, SYNC);
      syncProtocol.writeUpdate(encoder, update);
      for (const socket of this.sockets)
        if (socket !== origin) socket.sendDown(encoding.toUint8Array(encoder));
    });
    this.awareness.on(
      'update',
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, AWARENESS);
        encoding.writeVarUint8Array(
          encoder,
          awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed]),
        );
        for (const socket of this.sockets) socket.sendDown(encoding.toUint8Array(encoder));
      },
    );
  }

  join(socket: FakeSocket): void {
    this.sockets.add(socket);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, SYNC);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    socket.sendDown(encoding.toUint8Array(encoder));
  }

  leave(socket: FakeSocket): void {
    this.sockets.delete(socket);
  }

  receive(socket: FakeSocket, data: Uint8Array): void {
    if (!this.sockets.has(socket)) return;
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === AWARENESS) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), socket);
      return;
    }
    if (type !== SYNC) return;
    const syncType = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    this.received.push(['step1', 'step2', 'update'][syncType] ?? 'unknown');
    if (syncType === syncProtocol.messageYjsSyncStep2) this.step2s.push(payload);
    if (syncType === syncProtocol.messageYjsSyncStep1) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, SYNC);
      syncProtocol.writeSyncStep2(encoder, this.doc, payload);
      socket.sendDown(encoding.toUint8Array(encoder));
    } else if (socket.refusal !== null) {
      const empty = payload.byteLength === 2 && payload[0] === 0 && payload[1] === 0;
      if (this.refused.has(socket) || (empty && socket.refusal === 'room-full')) return;
      this.refused.add(socket);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 2);
      authProtocol.writePermissionDenied(encoder, socket.refusal);
      socket.sendDown(encoding.toUint8Array(encoder));
    } else {
      Y.applyUpdate(this.doc, payload, socket);
    }
  }
}

/** The part of the browser WebSocket the provider uses. */
export class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  binaryType = 'arraybuffer';
  readyState = 0;
  room: FakeRoom | null = null;
  /** Why this socket's writes are refused (the relay's permission-denied reason), or null. */
  refusal: 'read-only' | 'room-full' | null = null;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  readonly roomName: string;

  constructor(
    private readonly network: FakeNetwork,
    url: string,
  ) {
    this.roomName = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
    network.enqueue({ socket: this, direction: network.reachable ? 'open' : 'close', code: 1006 });
  }

  send(data: Uint8Array | ArrayBuffer): void {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    this.network.enqueue({ socket: this, direction: 'up', data: new Uint8Array(data) });
  }

  close(): void {
    if (this.readyState === 3) return;
    this.room?.leave(this);
    this.readyState = 3;
  }

  sendDown(data: Uint8Array): void {
    this.network.enqueue({ socket: this, direction: 'down', data });
  }

  deliverOpen(): void {
    if (this.readyState !== 0) return;
    this.readyState = 1;
    this.room = this.network.room(this.roomName);
    this.refusal = this.network.readOnlyRooms.has(this.roomName)
      ? 'read-only'
      : this.network.fullRooms.has(this.roomName)
        ? 'room-full'
        : null;
    this.room.join(this);
    this.onopen?.({});
  }

  deliverMessage(data: Uint8Array): void {
    if (this.readyState !== 1) return;
    this.onmessage?.({ data: data.slice().buffer });
  }

  deliverClose(code: number): void {
    if (this.readyState === 3 && code === 1006 && this.onclose === null) return;
    this.room?.leave(this);
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
}
