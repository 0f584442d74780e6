import { CloseCode, type CloseCodeName, canWrite, closeReason, type Role } from '@runsheet/protocol';
import type { WebSocket } from 'ws';
import type { Identity } from './identity.ts';
import type { RelayLimits } from './limits.ts';
import { encodePermissionDenied } from './protocol.ts';
import { TokenBucket } from './token-bucket.ts';

/** The reason a read-only client is given, once, when it tries to change a document. */
export const READ_ONLY_REASON = 'read-only';

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
  private readonly maxBufferedBytes: number;
  /** Set when the connection was dropped for not reading: why it closed, for the relay's log and events. */
  droppedAs: CloseCodeName | null = null;
  private toldReadOnly = false;
  private closed = false;

  constructor(
    readonly ws: WebSocket,
    readonly identity: Identity,
    limits: RelayLimits,
  ) {
    this.role = identity.role;
    this.bucket = new TokenBucket(limits.maxMessagesPerSecond, limits.maxMessageBurst);
    this.maxBufferedBytes = limits.maxBufferedBytes;
    this.byteBucket = new TokenBucket(limits.maxUpdateBytesPerSecond, limits.maxFrameBytes);
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  get readOnly(): boolean {
    return !canWrite(this.role);
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
   * Tells a read-only client, once per connection, that its changes are refused, with the y-protocols auth
   * message the stock client understands (it logs the reason). The connection stays open: the viewer keeps
   * receiving live updates.
   */
  refuseWrite(): void {
    if (this.toldReadOnly) return;
    this.toldReadOnly = true;
    this.send(encodePermissionDenied(READ_ONLY_REASON));
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
