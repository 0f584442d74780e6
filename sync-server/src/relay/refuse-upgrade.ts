import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { CloseCode, type CloseCodeName, closeReason } from '@runsheet/protocol';

/** RFC 6455's fixed key suffix for `Sec-WebSocket-Accept`. */
const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const WEBSOCKET_KEY = /^[A-Za-z0-9+/]{22}==$/;

/**
 * How long a refused socket may stay before it is destroyed: long enough for the client to read the
 * close frame (destroying with unread input makes the kernel reset the connection, which can discard it).
 */
const LINGER_MS = 1_000;

/**
 * SE-03: refuses an upgrade without reading a single frame of the client. Browsers show scripts no HTTP
 * status of a failed upgrade, only a close code, and the stock client stops retrying on 44xx codes (the
 * app then asks the user to sign in again, SY-04); an HTTP error would make it retry forever. So the
 * handshake is answered and followed at once by a close frame, written by hand, and the socket is ended:
 * nothing the client sends is ever read (the socket stays paused, the kernel's window holds it back) and
 * it is destroyed after LINGER_MS, whether the client answered the close or not.
 */
export function refuseUpgrade(req: IncomingMessage, socket: Duplex, name: CloseCodeName): void {
  if (socket.destroyed) return;
  const key = req.headers['sec-websocket-key'];
  const upgrade = req.headers.upgrade?.toLowerCase();
  let answer: Buffer;
  if (typeof key !== 'string' || !WEBSOCKET_KEY.test(key) || upgrade !== 'websocket') {
    answer = Buffer.from('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  } else {
    const accept = createHash('sha1')
      .update(key + WEBSOCKET_GUID)
      .digest('base64');
    const head = Buffer.from(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    answer = Buffer.concat([head, closeFrame(CloseCode[name], closeReason(name))]);
  }
  const linger = setTimeout(() => socket.destroy(), LINGER_MS);
  linger.unref();
  socket.once('close', () => clearTimeout(linger));
  socket.end(answer);
}

/** An unmasked close frame (server to client), FIN set, payload: code then reason (under 126 bytes). */
function closeFrame(code: number, reason: string): Buffer {
  const text = Buffer.from(reason, 'utf8');
  const frame = Buffer.alloc(4 + text.length);
  frame[0] = 0x88;
  frame[1] = 2 + text.length;
  frame.writeUInt16BE(code, 2);
  text.copy(frame, 4);
  return frame;
}
