import { EventEmitter, once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { CloseCode, type CloseCodeName, WriteRefusal } from '@runsheet/protocol';
import { WebSocketServer } from 'ws';
import type { RoomStore } from '../storage/contract.ts';
import { type AccountBudgets, LocalAccountBudgets } from './account-budget.ts';
import { Connection } from './connection.ts';
import type { FeedSink, RoomFeed } from './feed.ts';
import type { Identity } from './identity.ts';
import { LargeUpdateSlicer } from './large-update.ts';
import type { RelayLimits } from './limits.ts';
import {
  decodeClientMessage,
  type FrameHeader,
  isEmptyWriteFrame,
  isWriteFrame,
  MalformedMessageError,
  MessageType,
  peekFrameHeader,
  RefusedUpdateError,
  SyncType,
  syncPayload,
  UpdateAheadError,
} from './protocol.ts';
import { refuseUpgrade } from './refuse-upgrade.ts';
import { RelaySocket } from './relay-socket.ts';
import { type ClientLogChange, Room, type WriterIdentity } from './room.ts';
import type { RoomName } from './room-name.ts';

/** Lifecycle events, for logs, metrics and tests that wait for something to happen instead of sleeping. */
export interface RelayEvents {
  'room-loaded': [room: string];
  /** The room left the relay's map: changes to its document are no longer stored. */
  'room-unloading': [room: string];
  /** ... and has stored what it held and compacted (when it was not dropped after a failure). */
  'room-unloaded': [room: string];
  'room-compacted': [room: string];
  /** An update reached storage; emitted before it is sent to anyone. */
  'update-stored': [room: string, bytes: number];
  'connection-opened': [room: string, identity: Identity];
  /** `code` is the one the relay closed with, or the client's / 1006 when the client went away. */
  'connection-closed': [room: string, code: number];
}

export interface RelayOptions {
  store: RoomStore;
  limits: RelayLimits;
  log?: Pick<Console, 'warn' | 'error'>;
  /** Links this relay to others (REDIS_URL); absent for a relay on its own. */
  feed?: RoomFeed;
  /** Accounts' message budgets; shared through Redis with several relays, else in this process. */
  budgets?: AccountBudgets;
  /** Accounts' update byte budgets (`limits.maxUpdateBytesPerSecondPerUser`), shared the same way. */
  byteBudgets?: AccountBudgets;
  /** Accounts' budgets of large first sync steps 2 (`limits.maxLargeSyncBytesPerSecondPerUser`), the same. */
  largeSyncBudgets?: AccountBudgets;
  /**
   * SE-11: every client update this relay accepted and applied (the write audit listens here). Must not
   * throw nor block: it is called on the message path.
   */
  onClientWrite?: (write: ClientWrite) => void;
  /** Where large first sync steps 2 are checked and sliced (SE-01d); a worker thread beside the bundle by default. */
  slicer?: LargeUpdateSlicer;
}

/**
 * One accepted write (SE-11): who sent it on which room, the bytes, and what its log entries claim. A
 * client's update, or a change the server's REST API made for a signed-in caller (SE-11f).
 */
export interface ClientWrite {
  room: RoomName;
  identity: WriterIdentity;
  update: Uint8Array;
  log: ClientLogChange | null;
}

/**
 * Frames a connection may send while its large first sync step 2 is applied (SE-01d): an honest client
 * sends a sync step 1 and a few awareness updates meanwhile; more closes it (RATE_LIMITED).
 */
const MAX_HELD_FRAMES = 256;
/** ... and at most this many times `maxUpdateBytes` in all (a few ordinary updates are far less). */
const MAX_HELD_BYTES_FACTOR = 2;

/** How long a shutdown waits for clients to answer the close handshake before dropping their sockets. */
const SHUTDOWN_GRACE_MS = 1_000;

/**
 * The y-websocket relay: rooms keyed by name, loaded on first connection, unloaded when idle. Knows nothing
 * of HTTP routes or users: the server decides who may connect to which room and hands over the upgrade.
 */
export class Relay extends EventEmitter<RelayEvents> {
  private readonly wss: WebSocketServer;
  private readonly slicer: LargeUpdateSlicer;
  private readonly rooms = new Map<string, Room>();
  /** Rooms being read from storage: a second connection waits for the same load. */
  private readonly loading = new Map<string, Promise<Room>>();
  /** Rooms storing their last updates and compacting on their way out: a reload waits for that. */
  private readonly unloading = new Map<string, Promise<void>>();
  /** How each loaded room is followed on the feed. */
  private readonly links = new Map<Room, RoomLink>();
  private rechecking: Promise<void> | null = null;
  private recheckAgain = false;
  private readonly connections = new Map<Connection, Room>();
  private readonly timers: NodeJS.Timeout[];
  private readonly log: Pick<Console, 'warn' | 'error'>;
  private readonly budgets: AccountBudgets;
  private readonly byteBudgets: AccountBudgets;
  private readonly largeSyncBudgets: AccountBudgets;
  private closing = false;

  constructor(private readonly options: RelayOptions) {
    super();
    this.log = options.log ?? console;
    this.budgets =
      options.budgets ??
      new LocalAccountBudgets(
        options.limits.maxMessagesPerSecondPerUser,
        options.limits.maxMessageBurstPerUser,
      );
    this.byteBudgets =
      options.byteBudgets ??
      new LocalAccountBudgets(
        options.limits.maxUpdateBytesPerSecondPerUser,
        2 * options.limits.maxFrameBytes,
      );
    this.largeSyncBudgets =
      options.largeSyncBudgets ??
      new LocalAccountBudgets(
        options.limits.maxLargeSyncBytesPerSecondPerUser,
        options.limits.maxLargeSyncBurstPerUser,
      );
    this.slicer = options.slicer ?? new LargeUpdateSlicer();
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.limits.maxFrameBytes,
      perMessageDeflate: false,
      WebSocket: RelaySocket,
    });
    this.timers = [
      setInterval(() => this.pingAll(), options.limits.pingIntervalMs),
      setInterval(() => void this.recheckAll(), options.limits.authRecheckMs),
    ];
    for (const timer of this.timers) timer.unref();
  }

  /**
   * Loads the room, then completes the upgrade and attaches the socket. The upgrade completes only once
   * the room is loaded, so no frame of the client is read before the room can answer it.
   */
  async accept(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    room: RoomName,
    identity: Identity,
  ): Promise<void> {
    if (this.closing) {
      this.reject(req, socket, head, 'SERVER_SHUTDOWN');
      return;
    }
    try {
      await this.loadRoom(room);
    } catch (error) {
      this.log.error(`Cannot load room ${room}:`, error);
      this.reject(req, socket, head, 'INTERNAL_ERROR');
      return;
    }
    if (socket.destroyed) return;
    if (this.closing) {
      this.reject(req, socket, head, 'SERVER_SHUTDOWN');
      return;
    }
    // `WebSocket: RelaySocket` above makes every socket this server hands over a RelaySocket.
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws as RelaySocket, room, identity));
  }

  /** Refuses the upgrade with `reason` as its close code, reading nothing the client sends (SE-03). */
  reject(req: IncomingMessage, socket: Duplex, _head: Buffer, reason: CloseCodeName): void {
    refuseUpgrade(req, socket, reason);
  }

  private attach(ws: RelaySocket, roomName: RoomName, identity: Identity): void {
    ws.on('error', (error) => this.log.warn(`WebSocket error in ${roomName}: ${error.message}`));
    const connection = new Connection(ws, identity, this.options.limits);
    const room = this.rooms.get(roomName);
    if (room === undefined) {
      // Dropped (a storage failure) between its load and this upgrade: the client reconnects.
      connection.close('INTERNAL_ERROR');
      return;
    }
    this.connections.set(connection, room);
    this.capFrames(connection, room);
    // Its first large write (a first sync step 2) comes a round trip later: by then this relay knows of a
    // debt another relay made (SE-01, CL-03).
    if (identity.account !== undefined) this.largeSyncBudgets.prime?.(identity.account);
    ws.on('message', (data, isBinary) => this.onMessage(connection, data as Buffer, isBinary));
    ws.on('pong', () => {
      connection.alive = true;
    });
    ws.on('close', (code) => {
      connection.markClosed();
      const current = this.connections.get(connection);
      this.connections.delete(connection);
      current?.leave(connection);
      // A dropped socket closes as 1006 on the wire; the relay reports why it dropped it.
      if (connection.droppedAs) {
        this.log.warn(
          `${connection.identity.label} in ${roomName} stopped reading; dropped (${connection.droppedAs})`,
        );
      }
      if (ws.frameRefusedWith !== null) {
        this.log.warn(
          `${connection.identity.label} in ${roomName} sent a frame over its cap; closed (${ws.frameRefusedWith})`,
        );
      }
      this.emit(
        'connection-closed',
        roomName,
        connection.droppedAs ? CloseCode[connection.droppedAs] : (ws.frameRefusedWith ?? code),
      );
    });
    room.join(connection);
    this.emit('connection-opened', roomName, identity);
  }

  /** The loaded room, or loads it (once, however many connections ask at the same time). */
  private loadRoom(name: RoomName): Promise<Room> {
    const loaded = this.rooms.get(name);
    if (loaded) return Promise.resolve(loaded);
    let loading = this.loading.get(name);
    if (loading === undefined) {
      loading = this.readRoom(name).finally(() => this.loading.delete(name));
      this.loading.set(name, loading);
    }
    return loading;
  }

  private async readRoom(name: RoomName): Promise<Room> {
    // A room on its way out may still be storing its last updates: load after them, not before.
    await this.unloading.get(name);
    // Followed before it is read: whatever another relay stores after the read is then delivered.
    const link = new RoomLink();
    const feed = this.options.feed;
    await feed?.follow(name, link);
    let room: Room;
    try {
      room = await this.loadFromStore(name, feed);
    } catch (error) {
      feed?.unfollow(name, link);
      throw error;
    }
    link.attach(room);
    this.links.set(room, link);
    this.rooms.set(name, room);
    this.emit('room-loaded', name);
    return room;
  }

  private loadFromStore(name: RoomName, feed: RoomFeed | undefined): Promise<Room> {
    return Room.load(name, this.options.store, this.options.limits, {
      onIdle: (idle) => this.unload(idle, true),
      onStored: (r, update) => this.emit('update-stored', r.name, update.byteLength),
      ...(feed && {
        onBatchStored: (r: Room, firstSeq: number, updates: readonly Uint8Array[]) =>
          feed.stored(r.name, firstSeq, updates),
        onLocalPresence: (r: Room, update: Uint8Array) => feed.presence(r.name, update),
      }),
      ...(this.options.onClientWrite && {
        onClientWrite: (r: Room, identity: WriterIdentity, update: Uint8Array, log: ClientLogChange | null) =>
          this.options.onClientWrite?.({ room: r.name, identity, update, log }),
      }),
      onCompacted: (r) => this.emit('room-compacted', r.name),
      onFailed: (r, error) => {
        this.log.error(`Room ${r.name}: storing an update failed; dropping the room from memory`, error);
        for (const connection of r.connections) connection.close('INTERNAL_ERROR');
        this.unload(r, false);
      },
      onRejected: (r, connection, error) => {
        this.log.warn(`Room ${r.name}: an update from ${connection.identity.label} did not apply:`, error);
        connection.close(error instanceof UpdateAheadError ? 'UPDATE_AHEAD' : 'MALFORMED_MESSAGE');
      },
      warn: (message, error) => this.log.warn(message, error ?? ''),
    });
  }

  private unload(room: Room, compact: boolean): void {
    if (this.rooms.get(room.name) !== room) return;
    this.rooms.delete(room.name);
    const link = this.links.get(room);
    this.links.delete(room);
    if (link !== undefined) this.options.feed?.unfollow(room.name, link);
    for (const connection of room.connections) this.connections.delete(connection);
    this.emit('room-unloading', room.name);
    const previous = this.unloading.get(room.name);
    const done = (async () => {
      await previous;
      try {
        await room.destroy(compact);
      } catch (error) {
        this.log.warn(`Room ${room.name}: unloading failed`, error);
      }
    })();
    this.unloading.set(room.name, done);
    void done.finally(() => {
      if (this.unloading.get(room.name) === done) this.unloading.delete(room.name);
      this.emit('room-unloaded', room.name);
    });
  }

  private onMessage(connection: Connection, data: Buffer, isBinary: boolean): void {
    const room = this.connections.get(connection);
    if (!connection.isOpen || room === undefined) return;
    connection.alive = true;
    const account = connection.identity.account;
    if (!connection.allowMessage() || (account !== undefined && !this.budgets.take(account))) {
      connection.close('RATE_LIMITED');
      return;
    }
    if (!isBinary) {
      connection.close('MALFORMED_MESSAGE');
      return;
    }
    if (connection.held !== null) {
      this.holdFrame(connection, room, data);
      return;
    }
    this.handleFrame(connection, room, data);
  }

  /**
   * Keeps a frame for after the connection's large first step 2 (SE-01d), checked now for what its header
   * can tell: a write over `maxUpdateBytes` (no second large one is allowed) or presence over
   * `maxAwarenessBytes` closes it as it would on arrival, and what is held is capped in frames and bytes.
   */
  private holdFrame(connection: Connection, room: Room, data: Buffer): void {
    const held = connection.held as Buffer[];
    const header = peekFrameHeader(data);
    const { maxUpdateBytes, maxAwarenessBytes } = this.options.limits;
    if (
      (isWriteFrame(header) && header!.payloadBytes > maxUpdateBytes && !connection.readOnly) ||
      (header?.type === MessageType.AWARENESS && header.payloadBytes > maxAwarenessBytes)
    ) {
      this.log.warn(
        `Room ${room.name}: ${connection.identity.label} sent ${header!.payloadBytes} bytes while its large upload is applied; closed`,
      );
      connection.close('UPDATE_TOO_LARGE');
      return;
    }
    connection.heldBytes += data.byteLength;
    if (held.length >= MAX_HELD_FRAMES || connection.heldBytes > MAX_HELD_BYTES_FACTOR * maxUpdateBytes) {
      connection.close('RATE_LIMITED');
      return;
    }
    held.push(data);
  }

  /** Acts on one binary frame the connection's rate budget has admitted. */
  private handleFrame(connection: Connection, room: Room, data: Buffer): void {
    const header = peekFrameHeader(data);
    if (isWriteFrame(header) && !this.admitWrite(connection, room, data, header!)) return;
    // Only a first sync step 2 may be this large (admitWrite closed any other).
    if (header?.syncType === SyncType.STEP_2 && header.payloadBytes > this.options.limits.maxUpdateBytes) {
      this.receiveLarge(connection, room, data);
      return;
    }
    if (
      header?.type === MessageType.AWARENESS &&
      header.payloadBytes > this.options.limits.maxAwarenessBytes
    ) {
      this.log.warn(
        `Room ${room.name}: ${connection.identity.label} sent ${header.payloadBytes} bytes of presence; closed`,
      );
      connection.close('UPDATE_TOO_LARGE');
      return;
    }
    let message: ReturnType<typeof decodeClientMessage>;
    try {
      message = decodeClientMessage(data);
    } catch (error) {
      if (error instanceof RefusedUpdateError) {
        this.log.warn(
          `Room ${room.name}: refused an update from ${connection.identity.label}: ${error.message}`,
        );
      } else if (!(error instanceof MalformedMessageError)) {
        this.log.warn('Unexpected decoding failure:', error);
      }
      connection.close('MALFORMED_MESSAGE');
      return;
    }
    try {
      room.receive(connection, message);
    } catch (error) {
      // Nothing a room does with a message should throw; if it does (a storage engine throwing where it
      // should reject), that one connection goes and the process keeps serving the others.
      this.log.error(
        `Room ${room.name}: handling a message from ${connection.identity.label} failed:`,
        error,
      );
      connection.close('INTERNAL_ERROR');
    }
  }

  /**
   * SE-01d: a large first sync step 2 is checked and sliced in a worker thread, then applied a slice per
   * turn of the event loop (`Room.applyClientSlices`), so other connections are served meanwhile. The
   * connection's later frames wait (`held`) and are handled after it, in order.
   */
  private receiveLarge(connection: Connection, room: Room, frame: Buffer): void {
    let update: Uint8Array;
    try {
      update = syncPayload(frame);
    } catch {
      connection.close('MALFORMED_MESSAGE');
      return;
    }
    connection.held = [];
    const attached = () => connection.isOpen && this.connections.get(connection) === room;
    void this.slicer
      .slice(update)
      .then(async (answer) => {
        if (!attached()) return;
        if ('refused' in answer) {
          this.log.warn(
            `Room ${room.name}: refused an update from ${connection.identity.label}: ${answer.refused}`,
          );
          // Too large to decode within the worker's heap: as a frame over the cap, retrying cannot help.
          connection.close(answer.tooLarge ? 'FRAME_TOO_LARGE' : 'MALFORMED_MESSAGE');
          return;
        }
        await room.applyClientSlices(connection, update, answer.slices);
      })
      .catch((error: unknown) => {
        // The relay closing stops its worker, which fails the job: nothing to report then.
        if (!attached() || this.closing) return;
        this.log.error(`Room ${room.name}: a large update from ${connection.identity.label} failed:`, error);
        connection.close('INTERNAL_ERROR');
      })
      .finally(() => {
        const held = connection.held ?? [];
        connection.held = null;
        connection.heldBytes = 0;
        for (const [i, next] of held.entries()) {
          if (!attached()) return;
          // A frame handled here may hold the rest again (TypeScript cannot see handleFrame set it).
          const heldAgain = connection.held as Buffer[] | null;
          if (heldAgain !== null) {
            heldAgain.push(...held.slice(i));
            return;
          }
          try {
            this.handleFrame(connection, room, next);
          } catch (error) {
            this.log.error(`Room ${room.name}: a frame from ${connection.identity.label} failed:`, error);
            connection.close('INTERNAL_ERROR');
            return;
          }
        }
      });
  }

  /** SE-14 with what this relay knows of the account's large sync budget now (SE-01). */
  private capFrames(connection: Connection, room: Room): void {
    const account = connection.identity.account;
    const paced = account !== undefined && (this.largeSyncBudgets.inDebt?.(account) ?? false);
    connection.capFrames(room.clientWritable, paced);
  }

  /**
   * SE-01: decides on a write from its header alone, before its payload is decoded. A viewer's or a
   * server-written room's write is dropped undecoded (the client is told once that it is read-only; the
   * empty answer the stock client gives a server-written room's sync step 1 is not worth telling). A write
   * over `maxUpdateBytes` (the first sync step 2 of a connection excepted) or over the connection's or the
   * account's byte budget closes the connection. A first sync step 2 over `maxUpdateBytes` is charged to
   * the account's large sync budget, which a member reconnecting over and over to upload huge documents
   * soon overdraws (LARGE_SYNC_PACED). False when the frame goes no further.
   */
  private admitWrite(connection: Connection, room: Room, frame: Buffer, header: FrameHeader): boolean {
    if (connection.readOnly || !room.clientWritable) {
      if (room.clientWritable || !isEmptyWriteFrame(frame)) connection.refuseWrite();
      return false;
    }
    const firstStep2 = header.syncType === SyncType.STEP_2 && !connection.sentFirstStep2;
    if (firstStep2) {
      connection.sentFirstStep2 = true;
      this.capFrames(connection, room);
    }
    // SE-16: a full room takes no more, from anyone; the writer is told once and goes on reading. The
    // empty step 2 a device with nothing new answers with is no write.
    if (!isEmptyWriteFrame(frame) && !room.admitsWrite(header.payloadBytes)) {
      if (connection.refuseWrite(WriteRefusal.ROOM_FULL)) {
        this.log.warn(
          `Room ${room.name}: full (${room.storedBytes} bytes stored, RELAY_MAX_ROOM_BYTES ${this.options.limits.maxRoomBytes}); refused a write of ${header.payloadBytes} bytes from ${connection.identity.label}`,
        );
      }
      return false;
    }
    const large = header.payloadBytes > this.options.limits.maxUpdateBytes;
    if (!firstStep2 && large) {
      this.log.warn(
        `Room ${room.name}: ${connection.identity.label} sent an update of ${header.payloadBytes} bytes; closed`,
      );
      connection.close('UPDATE_TOO_LARGE');
      return false;
    }
    const account = connection.identity.account;
    // Paced first: a large first step 2 refused for its pacing is not also charged to the byte budgets.
    if (large && account !== undefined && !this.largeSyncBudgets.take(account, header.payloadBytes, true)) {
      this.log.warn(
        `Room ${room.name}: ${connection.identity.label} sent a first sync step 2 of ${header.payloadBytes} bytes while its large sync budget is spent; closed`,
      );
      connection.close('LARGE_SYNC_PACED');
      return false;
    }
    if (
      !connection.allowUpdateBytes(header.payloadBytes) ||
      (account !== undefined && !this.byteBudgets.take(account, header.payloadBytes))
    ) {
      connection.close('RATE_LIMITED');
      return false;
    }
    return true;
  }

  /** Drops sockets that did not answer the previous ping: half-open TCP would otherwise hold rooms open. */
  private pingAll(): void {
    for (const connection of this.connections.keys()) {
      if (!connection.alive) {
        connection.markClosed();
        connection.ws.terminate();
        continue;
      }
      connection.alive = false;
      connection.ws.ping();
    }
  }

  /**
   * Closes connections whose credential has since expired or been revoked; applies role changes. One round
   * at a time; asked for during a round, another round follows it (the running one may have read the rows
   * from before the change that asked).
   */
  private recheckAll(): Promise<void> {
    if (this.rechecking !== null) {
      this.recheckAgain = true;
      return this.rechecking;
    }
    this.rechecking = (async () => {
      do {
        this.recheckAgain = false;
        await Promise.all([...this.connections.keys()].map((connection) => this.recheck(connection)));
      } while (this.recheckAgain);
    })().finally(() => {
      this.rechecking = null;
    });
    return this.rechecking;
  }

  private async recheck(connection: Connection): Promise<void> {
    let result: Awaited<ReturnType<Identity['recheck']>>;
    try {
      result = await connection.identity.recheck();
    } catch (error) {
      this.log.error('Re-checking a connection failed; keeping it until the next round:', error);
      return;
    }
    if (!connection.isOpen) return;
    if (result.status === 'expired') connection.close('SESSION_EXPIRED');
    else if (result.status === 'revoked') connection.close('UNAUTHORIZED');
    else if (connection.role !== result.role) {
      connection.role = result.role;
      // SE-14: a promoted connection gets a writer's cap, a demoted one a viewer's.
      const room = this.connections.get(connection);
      if (room !== undefined) this.capFrames(connection, room);
    }
  }

  /** Runs `recheckAll` now (tests, and the API after revoking something, to act at once). */
  recheckNow(): Promise<void> {
    return this.recheckAll();
  }

  /**
   * Loads a room (if it is not loaded) for a server-side user and keeps it loaded until `release()`.
   * Throws when the room cannot be loaded. After `release()`, `room` must not be used: the room may unload.
   */
  async hold(name: RoomName): Promise<{ room: Room; release(): void }> {
    if (this.closing) throw new Error('The relay is shutting down');
    const room = await this.loadRoom(name);
    return { room, release: room.hold() };
  }

  /** The room if this relay has it loaded now, else undefined; never loads (webhooks read what is here). */
  loadedRoom(name: string): Room | undefined {
    return this.rooms.get(name);
  }

  stats(): { rooms: number; connections: number } {
    return { rooms: this.rooms.size, connections: this.connections.size };
  }

  isLoaded(room: string): boolean {
    return this.rooms.has(room);
  }

  /** Closes every connection with SERVER_SHUTDOWN, then compacts and frees every room. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    for (const timer of this.timers) clearInterval(timer);
    this.budgets.close();
    this.byteBudgets.close();
    this.largeSyncBudgets.close();
    void this.slicer.close();
    const sockets = [...this.connections.keys()].map((c) => c.ws);
    const closed = Promise.all(
      sockets.map((ws) => (ws.readyState === ws.CLOSED ? undefined : once(ws, 'close'))),
    );
    for (const connection of this.connections.keys()) connection.close('SERVER_SHUTDOWN');
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([closed, new Promise((resolve) => (grace = setTimeout(resolve, SHUTDOWN_GRACE_MS)))]);
    clearTimeout(grace);
    for (const ws of sockets) ws.terminate();
    // Rooms still loading join the shutdown once loaded.
    await Promise.allSettled([...this.loading.values()]);
    for (const room of [...this.rooms.values()]) this.unload(room, true);
    await Promise.allSettled([...this.unloading.values()]);
    this.wss.close();
  }
}

/**
 * A room as the feed sees it. It exists before the room (a room is followed before it is read, so nothing
 * stored in between is missed): what arrives before the room is attached waits, and is then handed over
 * in order.
 */
class RoomLink implements FeedSink {
  private room: Room | null = null;
  private early: Array<[first: number, last: number, update: Uint8Array | null]> = [];
  /** Presence that came while the room was being read (answers to its "who is here?"); a few at most. */
  private earlyPresence: Uint8Array[] = [];
  private resyncWanted = false;

  attach(room: Room): void {
    this.room = room;
    for (const [first, last, update] of this.early.splice(0)) room.applyStored(first, last, update);
    for (const update of this.earlyPresence.splice(0)) room.applyRemotePresence(update);
    if (this.resyncWanted) void room.catchUp();
  }

  stored(firstSeq: number, lastSeq: number, update: Uint8Array | null): void {
    if (this.room === null) this.early.push([firstSeq, lastSeq, update]);
    else this.room.applyStored(firstSeq, lastSeq, update);
  }

  presence(update: Uint8Array): void {
    if (this.room !== null) this.room.applyRemotePresence(update);
    else if (this.earlyPresence.length < 64) this.earlyPresence.push(update);
  }

  localPresence(): Uint8Array | null {
    return this.room?.localPresence() ?? null;
  }

  resync(): void {
    if (this.room === null) this.resyncWanted = true;
    else void this.room.catchUp();
  }

  /** While the room is being read there is nothing to compare yet. */
  knownSeq(): number {
    return this.room?.lastKnownSeq ?? Number.POSITIVE_INFINITY;
  }
}
