import type { Socket } from 'node:net';
import { CloseCode, type CloseCodeName, closeReason } from '@runsheet/protocol';
import { WebSocket } from 'ws';

/**
 * How long a socket closed for a frame over its cap may stay before it is destroyed: long enough for the
 * client to read the close frame (as SE-03's refused upgrades), never long enough to matter.
 */
const REFUSED_LINGER_MS = 1_000;

/**
 * The part of ws's private receiver this class writes. ws checks `_maxPayload` in `Receiver#haveLength`
 * against the length a frame's header announces (summed over the fragments of one message,
 * `_totalPayloadLength`), before it buffers a byte of the payload; it reads the field on every frame.
 */
interface ReceiverCap {
  _maxPayload: number;
  /** Bytes the frames of the message being read announce so far: what `haveLength` compared. */
  _totalPayloadLength: number;
}

/**
 * The ws socket class the relay uses. `ws` enforces `maxPayload` itself, before buffering the frame, but
 * then closes with the generic 1009 (Message Too Big); this maps that one code to the relay's own close
 * code (FRAME_TOO_LARGE, or whatever the last `limitFrames` named) so clients see one vocabulary.
 */
export class RelaySocket extends WebSocket {
  private frameLimitReason: CloseCodeName = 'FRAME_TOO_LARGE';
  private frameLimitNotice: Uint8Array | null = null;
  /** The server-wide cap (`maxPayload`, the relay's maxFrameBytes), read before the first lowering. */
  private serverFrameLimit = 0;
  /**
   * The close code a refused frame got, else null. ws stops reading the socket at such a frame, so the
   * client's answering close frame is never read and 'close' reports 1006: the relay reports this instead.
   */
  frameRefusedWith: number | null = null;

  /**
   * SE-14: caps the frames (and fragmented messages) this one socket may still send at `bytes`; a larger
   * one closes it with `reason`, after `notice` when given, before its payload is read. ws has no public
   * per-socket API (`maxPayload` is one option for the whole server), so this writes its receiver's private
   * field; it throws if the field is not where ws@8 keeps it, so a ws upgrade that moves it fails the unit
   * test that pins it (relay-socket.test.ts) instead of silently leaving every socket at the server's cap.
   */
  limitFrames(bytes: number, reason: CloseCodeName, notice: Uint8Array | null = null): void {
    const receiver = this.receiver();
    if (this.serverFrameLimit === 0) this.serverFrameLimit = receiver._maxPayload;
    receiver._maxPayload = bytes;
    this.frameLimitReason = reason;
    this.frameLimitNotice = notice;
  }

  /** The cap `limitFrames` set last (or the server's maxPayload): for tests. */
  get frameLimit(): number {
    return this.receiver()._maxPayload;
  }

  override close(code?: number, data?: string | Buffer): void {
    if (code !== 1009) {
      super.close(code, data);
      return;
    }
    // Over the server-wide cap is FRAME_TOO_LARGE whatever this socket's own cap says: no message may be
    // that large, so reconnecting cannot help.
    const overServerCap =
      this.serverFrameLimit > 0 && this.receiver()._totalPayloadLength > this.serverFrameLimit;
    const reason = overServerCap ? 'FRAME_TOO_LARGE' : this.frameLimitReason;
    if (this.frameLimitNotice !== null && this.readyState === this.OPEN) this.send(this.frameLimitNotice);
    this.frameRefusedWith = CloseCode[reason];
    super.close(CloseCode[reason], closeReason(reason));
    this.readNoMore();
  }

  /**
   * ws stops parsing at a refused frame but resumes the socket (to see the client's end), so the rest of
   * the frame would still be read from the kernel and thrown away: megabytes of garbage for nothing. This
   * pauses it instead, after ws's resume (queued on the same tick, just before), and destroys it after
   * REFUSED_LINGER_MS; the close frame goes out meanwhile, and the kernel's window holds the client back.
   */
  private readNoMore(): void {
    const socket = (this as unknown as { _socket?: Socket | null })._socket;
    if (!socket) return;
    process.nextTick(() => socket.pause());
    const linger = setTimeout(() => socket.destroy(), REFUSED_LINGER_MS);
    linger.unref();
    socket.once('close', () => clearTimeout(linger));
  }

  private receiver(): ReceiverCap {
    const receiver = (this as unknown as { _receiver?: Partial<ReceiverCap> | null })._receiver;
    if (
      receiver === null ||
      receiver === undefined ||
      typeof receiver._maxPayload !== 'number' ||
      typeof receiver._totalPayloadLength !== 'number'
    ) {
      throw new Error('ws internals changed: no numeric _receiver._maxPayload to cap frames with (SE-14)');
    }
    return receiver as ReceiverCap;
  }
}
