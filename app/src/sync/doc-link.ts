/**
 * One document's connection to the relay: the stock y-websocket `WebsocketProvider` (room = document name),
 * plus what the header needs to know about it: connected or not, the close that stopped it, read-only, and
 * how many local changes the relay has not confirmed (see pending.ts for how that is counted).
 *
 * Updates from the relay carry the provider as their origin: LocalData stores and projects them like any
 * other update, and the provider never sends them back.
 */
import { receiveUpdate } from '@runsheet/doc';
import { CloseCode, isPermanent, LARGE_SYNC_RETRY_MS, WriteRefusal } from '@runsheet/protocol';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import type { Awareness } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { messageAuth, messageSync, WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { PendingTracker } from './pending.ts';

export type LinkStatus =
  /** Not asked to connect (signed out, paused, offline). */
  | 'idle'
  | 'connecting'
  | 'connected'
  /** The last attempt failed or the connection dropped; the provider retries with backoff. */
  | 'retrying'
  /** The relay closed with a 44xx code: retrying cannot help until something changes (sign in again). */
  | 'stopped';

export interface LinkSnapshot {
  room: string;
  status: LinkStatus;
  /** Connected, first sync done, and the relay has confirmed every local change. */
  synced: boolean;
  pending: number;
  /** The 44xx close that stopped the link, if any. */
  stoppedBy: { code: number; reason: string } | null;
  /** The relay refused a write on this connection: this user is a viewer. */
  readOnly: boolean;
  /**
   * SE-16: the relay refused a write because the room is as large as it allows: nothing more of this
   * device is uploaded to it (until `connect()` starts over); it is still read.
   */
  full?: boolean;
  /**
   * The relay paced this document's large upload (LARGE_SYNC_PACED, SE-01): the link reconnects and
   * sends it again after `LARGE_SYNC_RETRY_MS`, not at the stock client's few-second backoff.
   */
  paced?: boolean;
}

export interface DocLinkOptions {
  /** `ws(s)://host/sync`; the room name is appended. */
  serverUrl: string;
  room: string;
  doc: Y.Doc;
  /** Changes left waiting by an earlier page, and where to report the count as it moves (to store it). */
  waitingBefore?: number;
  onWaitingChange?: (room: string, waiting: number) => void;
  /** Update origins that are not local changes (beyond the provider itself): e.g. loading from storage. */
  notLocal?: readonly unknown[];
  /** Quiet time after a local change before asking the relay to confirm, ms. */
  confirmDelayMs?: number;
  WebSocketPolyfill?: typeof WebSocket;
  maxBackoffTime?: number;
  /**
   * SE-14: false while this device may not write the document (the session says viewer; a room only the
   * server writes). The link then uploads nothing (see `uploads`). Asked at each upload; default true.
   */
  mayUpload?: () => boolean;
}

/** A Yjs update that changes nothing: what a link that may not upload answers the relay's step 1 with. */
const EMPTY_UPDATE = Uint8Array.of(0, 0);

type SyncHandler = WebsocketProvider['messageHandlers'][number];

export class DocLink {
  readonly provider: WebsocketProvider;
  private readonly tracker: PendingTracker;
  private readonly listeners = new Set<() => void>();
  private status: LinkStatus = 'idle';
  private stoppedBy: LinkSnapshot['stoppedBy'] = null;
  private readOnly = false;
  private full = false;
  /**
   * The relay refused a write of this link: it uploads nothing until `connect()` starts over (the sync
   * manager does that when the user is promoted). Kept across the provider's own reconnects, unlike
   * `readOnly`, so a relay that closed an over-large upload of a demoted member is answered with an empty
   * step 2 the next time, not with the same upload in a loop.
   */
  private refusedWrites = false;
  /** This link held back an upload (an empty step 2, a local change not sent) since it last connected. */
  private held = false;
  private pacedTimer: ReturnType<typeof setTimeout> | null = null;
  private confirmTimer: ReturnType<typeof setTimeout> | null = null;
  private current: LinkSnapshot;
  private lastWaiting: number;
  private destroyed = false;

  constructor(private readonly options: DocLinkOptions) {
    this.tracker = new PendingTracker(options.waitingBefore);
    this.lastWaiting = this.tracker.pending;
    this.provider = new WebsocketProvider(options.serverUrl, options.room, options.doc, {
      connect: false,
      // Tabs of this browser already share updates through LocalData's own channel, and each tab holds its
      // own connection: the provider's BroadcastChannel would only repeat them.
      disableBc: true,
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
      ...(options.maxBackoffTime ? { maxBackoffTime: options.maxBackoffTime } : {}),
      // As the stock client, plus: a paced large upload is not retried at once (`onStopped` waits).
      shouldReconnect: (event: CloseEvent) =>
        event.code !== CloseCode.LARGE_SYNC_PACED && !isPermanent(event.code),
    });
    this.wrapHandlers();
    this.gateLocalUpdates();
    this.provider.on('status', this.onStatus);
    this.provider.on('connection-close', this.onConnectionClose);
    this.provider.on('closed', this.onStopped);
    this.provider.on('sync', this.onChanged);
    options.doc.on('update', this.onDocUpdate);
    this.current = this.compute();
  }

  get room(): string {
    return this.options.room;
  }

  get awareness(): Awareness {
    return this.provider.awareness;
  }

  snapshot(): LinkSnapshot {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * SE-14: true while this link sends what it holds: the device may write (`mayUpload`) and the relay has
   * not refused a write of this link since it last started over. An honest viewer never uploads, so the
   * relay's small frame cap for read-only connections never closes it.
   */
  get uploads(): boolean {
    return !this.refusedWrites && this.mayUpload;
  }

  /** The device may write this document, as far as the session knows (see `DocLinkOptions.mayUpload`). */
  get mayUpload(): boolean {
    return this.options.mayUpload?.() ?? true;
  }

  /** This link held back an upload since it last connected: a promotion must start it over. */
  get heldBack(): boolean {
    return this.held;
  }

  /** Connects (again): after signing in, coming online, or resuming. Uploads everything that waited. */
  connect(): void {
    if (this.destroyed) return;
    this.clearPaced();
    this.stoppedBy = null;
    this.refusedWrites = false;
    this.full = false;
    this.held = false;
    this.provider.connect();
    this.onChanged();
  }

  disconnect(): void {
    this.clearPaced();
    this.provider.disconnect();
    this.status = 'idle';
    this.onChanged();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.confirmTimer !== null) clearTimeout(this.confirmTimer);
    this.clearPaced();
    this.options.doc.off('update', this.onDocUpdate);
    this.options.doc.off('update', this.sendLocalUpdate);
    this.provider.destroy();
    this.listeners.clear();
  }

  /**
   * Takes over incoming sync and auth messages:
   * - step 1 from the relay: the provider answers with everything the relay lacks (the upload of waiting
   *   changes); then we ask for a confirmation;
   * - step 2 and updates: applied through `receiveUpdate`, which holds an update that overtook its
   *   predecessor (a broadcast racing the first sync), so a field never blinks empty; a step 2 also
   *   answers our oldest step 1;
   * - permission denied: a read-only account.
   */
  private wrapHandlers(): void {
    const handlers = this.provider.messageHandlers;
    const sync = handlers[messageSync] as SyncHandler;
    handlers[messageSync] = (encoder, decoder, provider, emitSynced, type) => {
      // The sync message type is one varuint byte (0, 1 or 2) right where the decoder stands.
      const syncType = decoder.arr[decoder.pos];
      if (syncType === syncProtocol.messageYjsSyncStep1) {
        if (this.uploads) sync(encoder, decoder, provider, emitSynced, type);
        else this.answerWithNothing(encoder, decoder);
        // The provider sends its answer right after this handler returns; the barrier must follow it.
        queueMicrotask(() => {
          this.tracker.handshakeAnswered();
          this.sendBarrier();
        });
        return;
      }
      decoding.readVarUint(decoder);
      const update = decoding.readVarUint8Array(decoder);
      try {
        receiveUpdate(this.options.doc, update, provider);
      } catch (error) {
        // As y-protocols does: one bad update must not stop the connection's other messages.
        console.error('Caught error while handling a Yjs update', error);
      }
      if (syncType === syncProtocol.messageYjsSyncStep2) {
        if (emitSynced) provider.synced = true;
        this.tracker.answerReceived();
        this.onChanged();
      }
    };
    handlers[messageAuth] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, this.options.doc, (_doc, reason) => {
        if (reason === WriteRefusal.ROOM_FULL) this.full = true;
        else this.readOnly = true;
        this.refusedWrites = true;
        this.tracker.writeRefused();
        this.onChanged();
      });
    };
  }

  /** Reads the relay's step 1 and answers it with an empty step 2: the relay lacks nothing it may take. */
  private answerWithNothing(encoder: encoding.Encoder, decoder: decoding.Decoder): void {
    decoding.readVarUint(decoder);
    decoding.readVarUint8Array(decoder);
    encoding.writeVarUint(encoder, messageSync);
    encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(encoder, EMPTY_UPDATE);
    this.holdBack();
  }

  /** Nothing of this device's changes went out: this connection must not confirm them as sent. */
  private holdBack(): void {
    this.held = true;
    this.tracker.writeRefused();
  }

  /**
   * The provider sends every local update as it happens; while the link may not upload, they stay here
   * (the handshake after a promotion carries them).
   */
  private gateLocalUpdates(): void {
    this.options.doc.off('update', this.provider._updateHandler);
    this.options.doc.on('update', this.sendLocalUpdate);
  }

  private readonly sendLocalUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this.provider) return;
    if (this.uploads) this.provider._updateHandler(update, origin);
    else this.holdBack();
  };

  private readonly onDocUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (origin === this.provider || this.options.notLocal?.includes(origin)) return;
    this.tracker.localChange();
    this.scheduleConfirm();
    this.onChanged();
  };

  private scheduleConfirm(): void {
    if (this.confirmTimer !== null || !this.tracker.canConfirm) return;
    this.confirmTimer = setTimeout(() => {
      this.confirmTimer = null;
      this.sendBarrier();
    }, this.options.confirmDelayMs ?? 100);
  }

  /** Sends a sync step 1: the relay's answer confirms everything sent before it. */
  private sendBarrier(): void {
    const ws = this.provider.ws;
    if (this.destroyed || !this.provider.wsconnected || !ws || ws.readyState !== ws.OPEN) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageSync);
    syncProtocol.writeSyncStep1(encoder, this.options.doc);
    this.tracker.barrierSent();
    ws.send(encoding.toUint8Array(encoder));
  }

  private readonly onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
    if (status === 'connected') {
      this.tracker.opened();
      this.readOnly = false;
      this.status = 'connected';
    } else if (status === 'connecting') {
      this.status = this.provider.wsUnsuccessfulReconnects > 0 ? 'retrying' : 'connecting';
    }
    this.onChanged();
  };

  private readonly onConnectionClose = (): void => {
    this.tracker.closed();
    if (this.confirmTimer !== null) {
      clearTimeout(this.confirmTimer);
      this.confirmTimer = null;
    }
    this.status = this.provider.shouldConnect ? 'retrying' : 'idle';
    this.onChanged();
  };

  private clearPaced(): void {
    if (this.pacedTimer === null) return;
    clearTimeout(this.pacedTimer);
    this.pacedTimer = null;
  }

  private readonly onStopped = (event: { code: number; reason: string }): void => {
    if (event.code === CloseCode.LARGE_SYNC_PACED) {
      // The account's large uploads are in debt (SE-01): sending the whole upload again every few seconds
      // would only be refused again. Wait, then start over; what waits stays counted meanwhile.
      this.status = 'retrying';
      this.clearPaced();
      this.pacedTimer = setTimeout(() => {
        this.pacedTimer = null;
        this.connect();
      }, LARGE_SYNC_RETRY_MS);
      this.onChanged();
      return;
    }
    this.stoppedBy = event;
    this.status = 'stopped';
    this.onChanged();
  };

  private readonly onChanged = (): void => {
    if (this.destroyed) return;
    this.current = this.compute();
    if (this.current.pending !== this.lastWaiting) {
      this.lastWaiting = this.current.pending;
      this.options.onWaitingChange?.(this.options.room, this.current.pending);
    }
    for (const listener of [...this.listeners]) listener();
  };

  private compute(): LinkSnapshot {
    const pending = this.tracker.pending;
    return {
      room: this.options.room,
      status: this.status,
      synced: this.status === 'connected' && this.provider.synced && this.tracker.handshaken && pending === 0,
      pending,
      stoppedBy: this.stoppedBy,
      readOnly: this.readOnly,
      full: this.full,
      paced: this.pacedTimer !== null,
    };
  }
}
