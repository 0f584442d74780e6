import {
  CloseCode,
  type CloseCodeName,
  canWrite,
  closeReason,
  type Role,
  WriteRefusal,
  type WriteRefusalReason,
} from '@runsheet/protocol';
import type { Identity } from './identity.ts';
import type { RelayLimits } from './limits.ts';
import { encodePermissionDenied } from './protocol.ts';
import type { RelaySocket } from './relay-socket.ts';
import { TokenBucket } from './token-bucket.ts';

/** The reason a read-only client is given, once, when it tries to change a document. */
export const READ_ONLY_REASON = WriteRefusal.READ_ONLY;

/**
 * Bytes a frame may carry beyond its update: the message and sync types and the update's length (a few
 * varint bytes). Awareness and sync step 1 are far smaller than any update cap.
 */
export const FRAME_HEADER_ALLOWANCE = 64;

/** One client's WebSocket in one room. */
export class Connection {
  /** Awareness client ids this connection has announced; removed from the room when it leaves. */
  readonly awarenessIds = new Set<number>();
  /** False from a ping until its pong (or any message): two missed rounds and the socket is dropped. */
  alive = true;
  role: Role;
  private readonly bucket: TokenBucket;
  /** Update bytes this connection may still send (SE-01). */
  private readonly byteBucket: TokenBucket;
  /** False until its first sync step 2, the one write that may be as large as a frame. */
  sentFirstStep2 = false;
  /**
   * Frames that arrived while its large first sync step 2 is checked and applied in slices (SE-01d), to be
   * handled after it, in order; null when none is. A sync step 1 sent after that step 2 must be answered
   * after it is stored (SY-02).
   */
  held: Buffer[] | null = null;
  /** Bytes of the frames in `held`. */
  heldBytes = 0;
  private readonly maxBufferedBytes: number;
  private readonly maxFrameBytes: number;
  private readonly maxUpdateBytes: number;
  /** Set when the connection was dropped for not reading: why it closed, for the relay's log and events. */
  droppedAs: CloseCodeName | null = null;
  private toldReadOnly = false;
  private closed = false;

  constructor(
    readonly ws: RelaySocket,
    readonly identity: Identity,
    limits: RelayLimits,
  ) {
    this.role = identity.role;
    this.bucket = new TokenBucket(limits.maxMessagesPerSecond, limits.maxMessageBurst);
    this.maxBufferedBytes = limits.maxBufferedBytes;
    this.maxFrameBytes = limits.maxFrameBytes;
    this.maxUpdateBytes = limits.maxUpdateBytes;
    this.byteBucket = new TokenBucket(limits.maxUpdateBytesPerSecond, limits.maxFrameBytes);
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  get readOnly(): boolean {
    return !canWrite(this.role);
  }

  /**
   * SE-14: caps the frames this connection may still send at the largest message it may still send, so a
   * larger one is refused from its header, before its payload is received and unmasked. A writer that has
   * not yet sent its first sync step 2 may send a frame of `maxFrameBytes` (that step 2 may carry a whole
   * document); after it, and always for a read-only connection (a viewer, or a room only the server
   * writes), an update of `maxUpdateBytes` plus its header. Called again whenever either changes.
   * `largeSyncPaced`: the account's large sync budget is in debt (SE-01), so a first step 2 over
   * `maxUpdateBytes` would be refused (LARGE_SYNC_PACED) anyway: it is refused from its header instead.
   */
  capFrames(roomWritable: boolean, largeSyncPaced = false): void {
    const updateCap = Math.min(this.maxFrameBytes, this.maxUpdateBytes + FRAME_HEADER_ALLOWANCE);
    const overUpdate = updateCap < this.maxFrameBytes ? 'UPDATE_TOO_LARGE' : 'FRAME_TOO_LARGE';
    if (this.readOnly || !roomWritable) {
      // Transient, after the read-only notice: an honest viewer (an older app, or a member demoted while
      // offline) then reconnects knowing it may not write, and answers with an empty sync step 2; a
      // permanent code would stop its live updates until the page was reloaded.
      this.ws.limitFrames(updateCap, overUpdate, encodePermissionDenied(READ_ONLY_REASON));
    } else if (!this.sentFirstStep2 && largeSyncPaced) {
      this.ws.limitFrames(updateCap, 'LARGE_SYNC_PACED');
    } else if (!this.sentFirstStep2) {
      this.ws.limitFrames(this.maxFrameBytes, 'FRAME_TOO_LARGE');
    } else {
      this.ws.limitFrames(updateCap, overUpdate);
    }
  }

  /** Spends one message from the rate budget. */
  allowMessage(): boolean {
    return this.bucket.take();
  }

  /** Spends `bytes` from the update byte budget. */
  allowUpdateBytes(bytes: number): boolean {
    return this.byteBucket.take(bytes);
  }

  /**
   * Queues a frame, unless this client has stopped reading: then the socket is terminated (not closed with
   * a handshake, which would wait behind the queue it cannot drain) and its queue freed.
   */
  send(frame: Uint8Array): void {
    if (this.closed) return;
    if (this.ws.bufferedAmount > this.maxBufferedBytes) {
      this.closed = true;
      this.droppedAs = 'TOO_SLOW';
      this.ws.terminate();
      return;
    }
    this.ws.send(frame);
  }

  /**
   * Tells a client, once per connection, that its changes are refused (it is read-only, or the room is
   * full), with the y-protocols auth message the stock client understands (it logs the reason). The
   * connection stays open: the client keeps receiving live updates. Returns false when it was told already.
   */
  refuseWrite(reason: WriteRefusalReason = READ_ONLY_REASON): boolean {
    if (this.toldReadOnly) return false;
    this.toldReadOnly = true;
    this.send(encodePermissionDenied(reason));
    return true;
  }

  close(name: CloseCodeName): void {
    if (this.closed) return;
    this.closed = true;
    this.ws.close(CloseCode[name], closeReason(name));
  }

  /** Marks the connection closed without a handshake (the socket already is, or is dead). */
  markClosed(): void {
    this.closed = true;
  }
}
