import { claimsOf, type LogClaims, releaseRoots } from '@runsheet/doc';
import type { ReleaseId } from '@runsheet/domain';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { RoomStore } from '../storage/contract.ts';
import { Connection } from './connection.ts';
import type { Identity } from './identity.ts';
import type { RelayLimits } from './limits.ts';
import { logChangesOf } from './log-changes.ts';
import { stampPresence } from './presence-stamp.ts';
import {
  type ClientMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  RefusedUpdateError,
  UpdateAheadError,
} from './protocol.ts';
import { refsGuard } from './refs-guard.ts';
import { isServerWrittenRoom, type RoomName } from './room-name.ts';
import { type Delivered, StoredSequence } from './stored-sequence.ts';

export interface RoomHooks {
  /** The room has had no connection for `idleUnloadMs`; the relay should drop it. */
  onIdle(room: Room): void;
  /** An update was committed to storage (before anyone else was sent it). */
  onStored(room: Room, update: Uint8Array): void;
  /**
   * A batch of updates was committed under sequence numbers `firstSeq`, `firstSeq + 1`, …; other relays
   * are told of it here, just before this relay's connections are sent it.
   */
  onBatchStored?(room: Room, firstSeq: number, updates: readonly Uint8Array[]): void;
  /**
   * Presence changed on one of this relay's connections (or one left): other relays are told of it here.
   * Never called for presence that came from another relay, nor for states that timed out.
   */
  onLocalPresence?(room: Room, update: Uint8Array): void;
  onCompacted(room: Room): void;
  /** Storage failed; the room is no longer trustworthy in memory and must be dropped. */
  onFailed(room: Room, error: unknown): void;
  /**
   * SE-11: a client's update (or a write the server made for someone, `writeAs`) changed the document.
   * `log` says what the history entries it added claim (release rooms only, else null) and how many
   * entries it removed. Called after the change is applied and queued, before it is stored: the audit is
   * written beside, never on the path of the update.
   */
  onClientWrite?(room: Room, identity: WriterIdentity, update: Uint8Array, log: ClientLogChange | null): void;
  /** A client's update parsed but Yjs could not integrate it; only that client is at fault. */
  onRejected(room: Room, connection: Connection, error: unknown): void;
  warn(message: string, error?: unknown): void;
}

/**
 * The origin of updates applied from storage (written by another relay, or found filling a gap in the
 * sequence numbers): they are stored already, so they are sent on and never stored again.
 */
export const STORED_ORIGIN = Object.freeze({ source: 'storage' });

/** The origin of presence that came from another relay: sent to this relay's connections, never back. */
export const REMOTE_PRESENCE = Object.freeze({ source: 'another relay' });

/** What one client update did to a release document's history log (SE-11). */
export interface ClientLogChange extends LogClaims {
  /** Log entries the update removed (the app never removes any: history is append-only). */
  removed: number;
}

/** Who a write is for, as the write audit names them (SE-11): a connection's identity, or the REST caller's. */
export type WriterIdentity = Pick<Identity, 'auditAs'>;

/** At most this many updates go into one append, so one commit stays small whatever the backlog. */
const MAX_BATCH_UPDATES = 500;

interface Pending {
  update: Uint8Array;
  /** The connection (or server-side writer) it came from: everyone else is sent it. */
  origin: unknown;
  /** False for a client's raw update kept only so that nothing it sent is missing from storage. */
  broadcast: boolean;
  /** Its place in the queue; `persisted()` waits for tickets. */
  ticket: number;
}

/**
 * One Yjs document in memory and the connections editing it.
 *
 * Persisted before it is sent: every change (a client's, or the server's own through the REST API or the
 * Temporal mirror) is applied to the document at once, so a bad update is refused on the spot, and then
 * queued. The queue is appended to storage in batches, one append in flight at a time (while one commits,
 * the next gathers: a batch is as long as one commit, a few milliseconds at most), and only once a batch is
 * committed is it sent to the other connections. A crash of this process can lose nothing anyone else has
 * seen; what the sender had is still on the sender's device, which re-sends it when it reconnects.
 *
 * Sequence numbers (`StoredSequence`): the room knows up to which number every stored update is in its
 * document. Batches other relays stored arrive through `applyStored`; when an append of its own comes back
 * with numbers that do not follow what it knows, someone else wrote in between, and what it has not been
 * told of by then is read from storage.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  private storedRows: number;
  private readonly sequence: StoredSequence;
  /** Bytes of the stored state as of the last compaction (or load), and of the updates appended since. */
  private snapshotBytes: number;
  private appendedBytes = 0;
  /**
   * SE-16: bytes other relays stored for this room since this relay's last compaction (their live batches
   * and what it read back to fill gaps), and bytes queued here but not yet stored: with `snapshotBytes`
   * and `appendedBytes`, what the room holds in storage, for `admitsWrite`.
   */
  private othersBytes = 0;
  private queuedBytes = 0;
  /**
   * Bytes of the rows loaded beyond the first (the last compaction's): a room loaded after a crash, or
   * before its updates were worth compacting, may be far above what compacting it leaves.
   */
  private loadedExtraBytes = 0;
  /** Bytes since the last compaction, as of the write with which `admitsWrite` last started one. */
  private sizeCompactionMark = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private destroyed = false;
  /** Server-side users (the REST API, the Temporal bridge) keeping the room loaded without a socket. */
  private holders = 0;
  /** False for rooms only the server writes (`temporal`): every client's changes are refused. */
  readonly clientWritable: boolean;
  private queue: Pending[] = [];
  private nextTicket = 1;
  /** Every ticket up to this one is stored. */
  private storedTicket = 0;
  private waiters: Array<{ ticket: number; resolve(): void; reject(error: unknown): void }> = [];
  /** The running flush (append loop), or null. */
  private flushing: Promise<void> | null = null;
  private flushScheduled = false;
  private compacting: Promise<void> | null = null;
  private failure: unknown = null;
  /** The release a `release:` room holds (its log is watched, SE-11); null for other rooms. */
  private readonly releaseId: ReleaseId | null;
  /** The release document's history log and its refs (SE-11), or null. */
  private readonly log: Y.Array<unknown> | null;
  private readonly refs: Y.Map<unknown> | null;
  /**
   * While a client's update (or a server write, `writeAs`) is applied: its transaction origin, who it is
   * for, the log entries it inserted and removed, whether it changed anything, and for server writes the
   * updates it made (a client's own bytes are what it sent).
   */
  private applying: {
    origin: unknown;
    identity: WriterIdentity;
    inserted: unknown[];
    removed: number;
    changed: boolean;
    updates: Uint8Array[] | null;
  } | null = null;

  private constructor(
    readonly name: RoomName,
    private readonly store: RoomStore,
    private readonly limits: RelayLimits,
    private readonly hooks: RoomHooks,
    stored: { updates: Uint8Array[]; lastSeq: number },
  ) {
    this.clientWritable = !isServerWrittenRoom(name);
    this.releaseId = name.startsWith('release:') ? (name as string as ReleaseId) : null;
    this.log = this.releaseId === null ? null : releaseRoots(this.doc).log;
    this.refs = this.releaseId === null ? null : releaseRoots(this.doc).refs;
    // The server is not a participant: no presence of its own.
    this.awareness.setLocalState(null);
    this.applyLoaded(stored.updates);
    this.storedRows = stored.updates.length;
    this.sequence = new StoredSequence(stored.lastSeq, {
      apply: (update, live) => this.applyFromStorage(update, live),
      readSince: (afterSeq) => this.store.since(this.name, afterSeq),
      warn: (message, error) => this.hooks.warn(`Room ${this.name}: ${message}`, error),
    });
    this.snapshotBytes = stored.updates.reduce((sum, u) => sum + u.byteLength, 0);
    this.loadedExtraBytes = this.snapshotBytes - (stored.updates[0]?.byteLength ?? 0);
    // Listeners go on after loading: stored state must not be stored again.
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    if (this.log !== null) this.doc.on('afterTransaction', this.onTransaction);
    if (this.storedRows > limits.compactAfterUpdates) this.compactSoon();
  }

  /**
   * SE-16: whether a client's write of `bytes` keeps the room within `limits.maxRoomBytes`. Over it, a
   * room with an eighth of the cap or more stored since its last compaction is compacted (what was
   * overwritten or deleted shrinks away) and the write that found it so goes in; writes over the cap
   * are refused until that compaction has shown the room smaller, and for good when its compacted state
   * is itself that large. Only this cheap sum runs per write: a compaction encodes the whole document,
   * so it is started once per eighth of the cap appended, never per refused write. (Accepting writes
   * while it ran would feed the next one: a writer of large entries kept the room growing that way.)
   */
  admitsWrite(bytes: number): boolean {
    const cap = this.limits.maxRoomBytes;
    if (this.storedBytes + bytes <= cap) return true;
    const sinceCompaction = this.loadedExtraBytes + this.appendedBytes + this.othersBytes + this.queuedBytes;
    // Measured from the last one this started, not from zero: a compaction that could not run (one row,
    // another relay holding the room's lock) is not started again by every write after it.
    if (sinceCompaction - this.sizeCompactionMark >= cap / 8) {
      // This write counted in: past the mark, only what a running compaction let through.
      this.sizeCompactionMark = sinceCompaction + bytes;
      this.compactSoon();
      return true;
    }
    return false;
  }

  /** What the room holds in storage, as this relay knows it (SE-16). */
  get storedBytes(): number {
    return this.snapshotBytes + this.appendedBytes + this.othersBytes + this.queuedBytes;
  }

  /** See `RelayLimits.compactAfterUpdates`: enough rows, and enough bytes to pay for re-encoding. */
  private get compactionDue(): boolean {
    return this.storedRows > this.limits.compactAfterUpdates && this.appendedBytes >= this.snapshotBytes;
  }

  /** Loads the room's stored state; the room answers nobody before it is complete. */
  static async load(name: RoomName, store: RoomStore, limits: RelayLimits, hooks: RoomHooks): Promise<Room> {
    return new Room(name, store, limits, hooks, await store.load(name));
  }

  private applyLoaded(updates: Uint8Array[]): void {
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
    if (origin === STORED_ORIGIN) {
      // Stored already (by another relay): only this relay's connections still need it.
      this.send(encodeUpdate(update), null);
      return;
    }
    const applying = this.applying;
    if (applying !== null && origin === applying.origin) {
      applying.changed = true;
      applying.updates?.push(update);
    }
    this.enqueue(update, origin, true);
  };

  /**
   * SE-11: notes the entries a client's update adds to (or removes from) the log. Runs inside
   * `Y.applyUpdate`, after the whole update is integrated (its refs included), so this only collects.
   */
  private readonly onTransaction = (transaction: Y.Transaction): void => {
    const applying = this.applying;
    const log = this.log;
    if (applying === null || log === null || transaction.origin !== applying.origin) return;
    if (!transaction.changed.has(log)) return;
    const changes = logChangesOf(transaction, log);
    for (const entry of changes.inserted) applying.inserted.push(entry);
    applying.removed += changes.removed;
  };

  private enqueue(update: Uint8Array, origin: unknown, broadcast: boolean): void {
    if (this.destroyed) return;
    this.queue.push({ update, origin, broadcast, ticket: this.nextTicket++ });
    this.queuedBytes += update.byteLength;
    if (this.flushing !== null || this.flushScheduled) return;
    this.flushScheduled = true;
    // setImmediate: every update that arrived in this turn of the event loop goes into the same batch.
    setImmediate(() => {
      this.flushScheduled = false;
      if (this.flushing === null) this.flushing = this.flush();
    });
  }

  /** Appends the queue batch by batch and sends each batch once it is committed. Never rejects. */
  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0 && !this.destroyed && this.failure === null) {
        const batch = this.queue.splice(0, MAX_BATCH_UPDATES);
        const updates = batch.map((p) => p.update);
        for (const u of updates) this.queuedBytes -= u.byteLength;
        let last: number;
        try {
          last = await this.store.append(this.name, updates);
        } catch (error) {
          this.fail(error);
          return;
        }
        const first = last - batch.length + 1;
        this.storedRows += batch.length;
        for (const u of updates) this.appendedBytes += u.byteLength;
        // Committed: other relays are told first (the publish is on its way while this relay sends to its
        // own connections), then this relay's connections are sent it.
        this.hooks.onBatchStored?.(this, first, updates);
        for (const pending of batch) {
          if (!pending.broadcast) continue;
          this.hooks.onStored(this, pending.update);
          this.send(encodeUpdate(pending.update), pending.origin);
        }
        this.settle(batch.at(-1)!.ticket);
        // In the document already. Numbers that do not follow what the room knows mean someone else wrote
        // in between: the sequence waits briefly to be told of it, then reads it.
        this.sequence.deliver(first, last, 'own');
      }
    } finally {
      this.flushing = null;
    }
    if (this.compactionDue) this.compactSoon();
  }

  private settle(ticket: number): void {
    this.storedTicket = ticket;
    if (this.waiters.length === 0) return;
    const still: typeof this.waiters = [];
    for (const waiter of this.waiters) {
      if (waiter.ticket <= ticket) waiter.resolve();
      else still.push(waiter);
    }
    this.waiters = still;
  }

  private fail(error: unknown): void {
    if (this.failure !== null) return;
    this.failure = error;
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
    this.queue = [];
    this.queuedBytes = 0;
    this.hooks.onFailed(this, error);
  }

  /**
   * Resolves once every change made to the document before this call is committed to storage; rejects
   * when storage failed first (the room is then being dropped).
   */
  persisted(): Promise<void> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const ticket = this.nextTicket - 1;
    if (ticket <= this.storedTicket) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ ticket, resolve, reject }));
  }

  /**
   * Another relay stored numbers `firstSeq..lastSeq` (`update` holds them merged, or is null: read them
   * from storage). In order they go straight into the document; after a gap, the room reads what it missed.
   */
  applyStored(firstSeq: number, lastSeq: number, update: Uint8Array | null): void {
    if (this.destroyed) return;
    this.sequence.deliver(firstSeq, lastSeq, update satisfies Delivered);
  }

  /** The highest sequence number up to which this room holds every stored update. */
  get lastKnownSeq(): number {
    return this.sequence.known;
  }

  /** Reads every update newer than `lastKnownSeq` from storage (something may have been missed). */
  catchUp(): Promise<void> {
    if (this.destroyed) return Promise.resolve();
    return this.sequence.catchUp();
  }

  /** Presence another relay's connections published: this relay's connections are sent it. */
  applyRemotePresence(update: Uint8Array): void {
    if (this.destroyed) return;
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_PRESENCE);
    } catch (error) {
      this.hooks.warn(`Room ${this.name}: presence from another relay did not decode; ignored`, error);
    }
  }

  /** The presence of this relay's own connections, encoded (another relay's newcomer asked), or null. */
  localPresence(): Uint8Array | null {
    const states = this.awareness.getStates();
    const ids: number[] = [];
    for (const connection of this.connections) {
      for (const id of connection.awarenessIds) if (states.has(id)) ids.push(id);
    }
    return ids.length === 0 ? null : awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids);
  }

  /**
   * A live batch from another relay (`live`) goes to this relay's connections as the bytes it came in: the
   * room's update listener is off while it is applied, so Yjs does not encode the same change again for the
   * update event (on every receiving relay, for every batch). What was read from storage goes out as Yjs's
   * own update event, which holds only what was new to the room (a compacted row holds the whole document).
   */
  private applyFromStorage(update: Uint8Array, live: boolean): void {
    if (live) this.doc.off('update', this.onDocUpdate);
    this.othersBytes += update.byteLength;
    try {
      Y.applyUpdate(this.doc, update, STORED_ORIGIN);
      if (live) this.send(encodeUpdate(update), null);
    } catch (error) {
      this.hooks.warn(`Room ${this.name}: skipping an unreadable stored update`, error);
    } finally {
      if (live) this.doc.on('update', this.onDocUpdate);
    }
  }

  private send(frame: Uint8Array, except: unknown): void {
    for (const connection of this.connections) {
      if (connection !== except) connection.send(frame);
    }
  }

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
    const changed = [...added, ...updated, ...removed];
    const frame = encodeAwareness(this.awareness, changed);
    for (const connection of this.connections) connection.send(frame);
    // A connection's own change, or its leaving (origin null), goes to other relays too; what came from
    // them, and remote states that timed out here, do not go back.
    if (this.hooks.onLocalPresence !== undefined && (origin instanceof Connection || origin === null)) {
      this.hooks.onLocalPresence(this, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    }
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
   * such a user makes to `doc` are stored and broadcast like any client's; `persisted()` says when.
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
        this.answerSyncStep1(connection, message.stateVector);
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
      case 'awareness': {
        const stamped = stampPresence(message.update, {
          identity: connection.identity.presence,
          own: connection.awarenessIds,
          takenByOther: (id) => [...this.connections].some((c) => c !== connection && c.awarenessIds.has(id)),
          maxIds: this.limits.maxPresencePerConnection,
        });
        if (stamped !== null) awarenessProtocol.applyAwarenessUpdate(this.awareness, stamped, connection);
        return;
      }
      case 'query-awareness':
        connection.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]));
        return;
    }
  }

  /**
   * SY-02: the answer to a sync step 1 is the client's confirmation that everything it sent before is
   * stored, so it waits until the queue as it stands now is committed.
   */
  private answerSyncStep1(connection: Connection, stateVector: Uint8Array): void {
    const answer = () => connection.send(encodeSyncStep2(this.doc, stateVector));
    if (this.nextTicket - 1 <= this.storedTicket && this.failure === null) {
      answer();
      return;
    }
    this.persisted().then(answer, () => {
      // Storage failed: the relay is closing this connection already; nothing is confirmed.
    });
  }

  private applyClientUpdate(connection: Connection, update: Uint8Array): void {
    const applying = this.clientApplying(connection);
    if (this.applyPart(applying, connection, update))
      this.finishClientUpdate(applying, connection, update, false);
  }

  /**
   * SE-01d: a client's large update, cut into `slices` (`sliceUpdate`: applied in order they give what
   * `update` gives), applied one per turn of the event loop. Between slices other connections' messages and
   * server writes go on (Yjs updates commute); the write is reported once, with the client's own bytes. It
   * was admitted whole, so it goes on if the sender leaves meanwhile; it stops if the room is dropped or
   * the sender loses the right to write, and then what was applied is reported.
   */
  async applyClientSlices(
    connection: Connection,
    update: Uint8Array,
    slices: readonly Uint8Array[],
  ): Promise<void> {
    const applying = this.clientApplying(connection);
    let applied = 0;
    // A slice whose structs wait on something the room lacks: see finishClientUpdate.
    let waited = false;
    for (const slice of slices) {
      if (applied > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.destroyed || connection.readOnly) break;
      if (!this.applyPart(applying, connection, slice)) return;
      applied++;
      waited ||= this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
    }
    if (applied === 0) return;
    const whole = applied === slices.length ? update : Y.mergeUpdates(slices.slice(0, applied));
    this.finishClientUpdate(applying, connection, whole, waited);
  }

  private clientApplying(connection: Connection): NonNullable<Room['applying']> {
    return {
      origin: connection,
      identity: connection.identity,
      inserted: [],
      removed: 0,
      changed: false,
      updates: null,
    };
  }

  /** SE-15 (`refsGuard`); an update that does not even decode is left to `Y.applyUpdate` to refuse. */
  private refusedByRefsGuard(update: Uint8Array): ReturnType<typeof refsGuard> {
    let decoded: ReturnType<typeof Y.decodeUpdate>;
    try {
      decoded = Y.decodeUpdate(update);
    } catch {
      return null;
    }
    return refsGuard(this.doc, this.refs as Y.Map<unknown>, decoded);
  }

  /**
   * Applies `update` as part of the write `applying`; false when it was refused (SE-15) or did not
   * integrate (the sender went).
   */
  private applyPart(
    applying: NonNullable<Room['applying']>,
    connection: Connection,
    update: Uint8Array,
  ): boolean {
    if (this.refs !== null) {
      const refused = this.refusedByRefsGuard(update);
      if (refused !== null) {
        const error = refused.waits
          ? new UpdateAheadError(refused.refused)
          : new RefusedUpdateError(refused.refused);
        this.hooks.onRejected(this, connection, error);
        return false;
      }
    }
    this.applying = applying;
    try {
      Y.applyUpdate(this.doc, update, connection);
      return true;
    } catch (error) {
      // A frame can decode cleanly and still not integrate (fuzzing finds these). Whatever part did
      // integrate went through the update event and is queued, so memory and storage will agree: only
      // the sender goes.
      this.hooks.onRejected(this, connection, error);
      return false;
    } finally {
      this.applying = null;
    }
  }

  /**
   * Parts that wait for something the room lacks (pending structs) are in no update event yet; if what
   * they wait for came from storage, their update event would not be stored. So the sender's bytes are
   * stored as well when anything waited (`waited`: at any slice of a sliced write, since a stored batch
   * applied between slices may have let it in since). An update that changed nothing (a sync step 2 of
   * what the room had) is no write.
   */
  private finishClientUpdate(
    applying: NonNullable<Room['applying']>,
    connection: Connection,
    update: Uint8Array,
    waited: boolean,
  ): void {
    if (waited || this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null) {
      this.enqueue(update, connection, false);
      applying.changed = true;
    }
    if (applying.changed) this.reportWrite(applying, update);
  }

  /**
   * SE-11f: runs `write`, a transaction the server makes on this room's document with `origin` for the
   * person `identity` names (a REST API write), and reports it to the write audit exactly as a client's
   * update is: its bytes, its hash, and whom the history entries it adds are attested to.
   */
  writeAs<T>(origin: unknown, identity: WriterIdentity, write: () => T): T {
    if (this.applying !== null) throw new Error(`Room ${this.name}: a write is already being applied`);
    const applying = { origin, identity, inserted: [] as unknown[], removed: 0, changed: false, updates: [] };
    this.applying = applying;
    let result: T;
    try {
      result = write();
    } finally {
      this.applying = null;
    }
    const updates: Uint8Array[] = applying.updates;
    if (applying.changed && updates.length > 0)
      this.reportWrite(applying, updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));
    return result;
  }

  private reportWrite(
    applying: { identity: WriterIdentity; inserted: unknown[]; removed: number },
    update: Uint8Array,
  ): void {
    if (this.hooks.onClientWrite === undefined) return;
    let log: ClientLogChange | null = null;
    if (this.releaseId !== null && this.refs !== null) {
      const read = claimsOf(applying.inserted, this.refs, this.releaseId);
      log = { ...read, removed: applying.removed };
    }
    this.hooks.onClientWrite(this, applying.identity, update, log);
  }

  /** Starts a compaction unless one runs; never awaited on the path of an update. */
  private compactSoon(): void {
    if (this.compacting !== null || this.destroyed) return;
    this.compacting = this.compact()
      .catch((error: unknown) => this.hooks.warn(`Room ${this.name}: compaction failed; will retry`, error))
      .finally(() => {
        this.compacting = null;
      });
  }

  /**
   * Replaces the stored rows up to `lastKnownSeq` by one update holding the whole document. Runs beside the
   * appends (they write numbers above it); on PostgreSQL one relay at a time per room.
   */
  private async compact(): Promise<void> {
    const throughSeq = this.sequence.known;
    if (this.destroyed || this.storedRows <= 1 || throughSeq === 0) return;
    const rowsBefore = this.storedRows;
    const bytesBefore = this.appendedBytes;
    const othersBefore = this.othersBytes;
    const loadedBefore = this.loadedExtraBytes;
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    if (!(await this.store.compact(this.name, snapshot, throughSeq))) return;
    // Rows appended while the compaction ran are still there, after it.
    this.storedRows = this.storedRows - rowsBefore + 1;
    this.appendedBytes -= bytesBefore;
    this.othersBytes -= othersBefore;
    this.loadedExtraBytes -= loadedBefore;
    // The mark moves with what it measures: a write let in as this compaction was started came after it.
    this.sizeCompactionMark = Math.max(
      0,
      this.sizeCompactionMark - bytesBefore - othersBefore - loadedBefore,
    );
    this.snapshotBytes = snapshot.byteLength;
    this.hooks.onCompacted(this);
  }

  get storedRowCount(): number {
    return this.storedRows;
  }

  /**
   * Stops taking changes and frees the document, after storing what is queued and, when `compactFirst`
   * (not after a storage error, when memory may be ahead of storage), compacting.
   */
  async destroy(compactFirst: boolean): Promise<void> {
    if (this.destroyed) return;
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.doc.off('update', this.onDocUpdate);
    if (this.log !== null) this.doc.off('afterTransaction', this.onTransaction);
    if (this.failure === null) {
      while (this.flushing !== null || this.flushScheduled) {
        if (this.flushing === null) await new Promise((resolve) => setImmediate(resolve));
        else await this.flushing;
      }
    }
    await this.compacting;
    if (compactFirst && this.failure === null) {
      try {
        await this.compact();
      } catch (error) {
        this.hooks.warn(
          `Room ${this.name}: compaction on unload failed; the updates stay as they are`,
          error,
        );
      }
    }
    this.destroyed = true;
    await this.sequence.close();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** A Yjs (v1) update with no structs and no deletions: `[0, 0]`. */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
}
