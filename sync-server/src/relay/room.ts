import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { UpdateStore } from '../persistence/update-store.ts';
import { Connection } from './connection.ts';
import type { RelayLimits } from './limits.ts';
import {
  type ClientMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from './protocol.ts';
import { isServerWrittenRoom, type RoomName } from './room-name.ts';

export interface RoomHooks {
  /** The room has had no connection for `idleUnloadMs`; the relay should drop it. */
  onIdle(room: Room): void;
  /** An update was committed to storage (before anyone else was sent it). */
  onStored(room: Room, update: Uint8Array): void;
  onCompacted(room: Room): void;
  /** Storage failed; the room is no longer trustworthy in memory and must be dropped. */
  onFailed(room: Room, error: unknown): void;
  /** A client's update parsed but Yjs could not integrate it; only that client is at fault. */
  onRejected(room: Room, connection: Connection, error: unknown): void;
  warn(message: string, error?: unknown): void;
}

/**
 * One Yjs document in memory and the connections editing it. Every change a client sends is applied to the
 * document; the document's `update` event commits it to SQLite and only then sends it to the others, so
 * nothing anyone has seen can be lost by a crash of this process.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  private storedRows: number;
  private lastId: number;
  /** Bytes of the stored state as of the last compaction (or load), and of the updates appended since. */
  private snapshotBytes: number;
  private appendedBytes = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private destroyed = false;
  /** Server-side users (the REST API, the Temporal bridge) keeping the room loaded without a socket. */
  private holders = 0;
  /** False for rooms only the server writes (`temporal`): every client's changes are refused. */
  readonly clientWritable: boolean;
  /** Set when the last append threw: tells a storage failure apart from a bad update. */
  private storageError: unknown = null;

  private constructor(
    readonly name: RoomName,
    private readonly store: UpdateStore,
    private readonly limits: RelayLimits,
    private readonly hooks: RoomHooks,
  ) {
    this.clientWritable = !isServerWrittenRoom(name);
    // The server is not a participant: no presence of its own.
    this.awareness.setLocalState(null);
    const { updates, lastId } = store.load(name);
    this.applyStored(updates);
    this.storedRows = updates.length;
    this.lastId = lastId;
    this.snapshotBytes = updates.reduce((sum, u) => sum + u.byteLength, 0);
    // Listeners go on after loading: stored state must not be stored again.
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    if (this.storedRows > limits.compactAfterUpdates) this.compact();
  }

  /** See `RelayLimits.compactAfterUpdates`: enough rows, and enough bytes to pay for re-encoding. */
  private get compactionDue(): boolean {
    return this.storedRows > this.limits.compactAfterUpdates && this.appendedBytes >= this.snapshotBytes;
  }

  /** Loads the room's stored state synchronously, so it is complete before any client is answered. */
  static load(name: RoomName, store: UpdateStore, limits: RelayLimits, hooks: RoomHooks): Room {
    return new Room(name, store, limits, hooks);
  }

  private applyStored(updates: Uint8Array[]): void {
    if (updates.length === 0) return;
    try {
      Y.applyUpdate(this.doc, updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));
    } catch (error) {
      // A tolerant reader: one damaged row must not make the whole room unreadable. Keep the rows (a person
      // may want to inspect them) and load everything that still parses.
      this.hooks.warn(`Room ${this.name}: stored updates do not merge; loading them one by one`, error);
      for (const update of updates) {
        try {
          Y.applyUpdate(this.doc, update);
        } catch (rowError) {
          this.hooks.warn(`Room ${this.name}: skipping an unreadable stored update`, rowError);
        }
      }
    }
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    // Write first. If this throws, nobody has been sent the update, and the relay drops the room.
    try {
      this.lastId = this.store.append(this.name, update);
    } catch (error) {
      this.storageError = error;
      throw error;
    }
    this.storedRows++;
    this.appendedBytes += update.byteLength;
    this.hooks.onStored(this, update);
    const frame = encodeUpdate(update);
    for (const connection of this.connections) {
      if (connection !== origin) connection.send(frame);
    }
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin instanceof Connection) {
      for (const id of added) origin.awarenessIds.add(id);
      for (const id of removed) origin.awarenessIds.delete(id);
    }
    // Sent to everyone, the sender included: the stock client reconnects when it hears nothing for 30 s,
    // and its own 15-second awareness renewal echoed back is what keeps a lone client connected.
    const frame = encodeAwareness(this.awareness, [...added, ...updated, ...removed]);
    for (const connection of this.connections) connection.send(frame);
  };

  join(connection: Connection): void {
    this.cancelIdle();
    this.connections.add(connection);
    connection.send(encodeSyncStep1(this.doc));
    const states = this.awareness.getStates();
    if (states.size > 0) connection.send(encodeAwareness(this.awareness, [...states.keys()]));
  }

  leave(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    if (connection.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessIds], null);
    }
    this.idleIfUnused();
  }

  /**
   * Keeps the room loaded for a server-side user until the returned function is called (once). Changes
   * such a user makes to `doc` are stored and broadcast like any client's.
   */
  hold(): () => void {
    this.holders++;
    this.cancelIdle();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holders--;
      this.idleIfUnused();
    };
  }

  /** Compacts when server-side writes made the stored rows pile up (client writes check on their own). */
  compactIfDue(): void {
    if (this.compactionDue) this.compact();
  }

  private cancelIdle(): void {
    if (this.idleTimer === null) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private idleIfUnused(): void {
    if (this.connections.size > 0 || this.holders > 0 || this.destroyed || this.idleTimer !== null) return;
    this.idleTimer = setTimeout(() => this.hooks.onIdle(this), this.limits.idleUnloadMs);
    this.idleTimer.unref();
  }

  /** Acts on one validated message. */
  receive(connection: Connection, message: ClientMessage): void {
    switch (message.kind) {
      case 'sync-step-1':
        connection.send(encodeSyncStep2(this.doc, message.stateVector));
        return;
      case 'sync-step-2':
      case 'update':
        // The stock client answers the server's sync step 1 with its own step 2, empty when it has nothing
        // new: in a server-written room that is no attempt to write, and it is not worth a refusal.
        if (!this.clientWritable && isEmptyUpdate(message.update)) return;
        if (connection.readOnly || !this.clientWritable) {
          connection.refuseWrite();
          return;
        }
        this.applyClientUpdate(connection, message.update);
        return;
      case 'awareness':
        awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, connection);
        return;
      case 'query-awareness':
        connection.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]));
        return;
    }
  }

  private applyClientUpdate(connection: Connection, update: Uint8Array): void {
    try {
      Y.applyUpdate(this.doc, update, connection);
    } catch (error) {
      if (this.storageError !== null) {
        this.hooks.onFailed(this, this.storageError);
      } else {
        // A frame can decode cleanly and still not integrate (fuzzing finds these). Whatever part did
        // integrate went through the update event, so memory and disk still agree: only the sender goes.
        this.hooks.onRejected(this, connection, error);
      }
      return;
    }
    if (this.compactionDue) this.compact();
  }

  /** Replaces the stored rows by one update holding the whole document. */
  compact(): void {
    if (this.destroyed || this.storedRows <= 1) return;
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    this.lastId = this.store.compact(this.name, snapshot, this.lastId);
    this.storedRows = 1;
    this.snapshotBytes = snapshot.byteLength;
    this.appendedBytes = 0;
    this.hooks.onCompacted(this);
  }

  get storedRowCount(): number {
    return this.storedRows;
  }

  /** Frees the document. `compactFirst` is false when memory may be ahead of disk (after a storage error). */
  destroy(compactFirst: boolean): void {
    if (this.destroyed) return;
    if (compactFirst) {
      try {
        this.compact();
      } catch (error) {
        this.hooks.warn(
          `Room ${this.name}: compaction on unload failed; the updates stay as they are`,
          error,
        );
      }
    }
    this.destroyed = true;
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.doc.off('update', this.onDocUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** A Yjs (v1) update with no structs and no deletions: `[0, 0]`. */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
}
