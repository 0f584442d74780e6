import { once } from 'node:events';
import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';

/** A bare WebSocket to the relay, for frames the stock client would never send. */
export interface RawSocket {
  ws: WebSocket;
  /** Every binary frame received so far. */
  received: Uint8Array[];
  /** Resolves with the server's close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves with the next frame received (or an already-received one at `index`). */
  frame(index: number): Promise<Uint8Array>;
}

export async function rawSocket(
  baseUrl: string,
  room: string,
  headers: Record<string, string> = {},
): Promise<RawSocket> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/sync/${room}`, { headers });
  const received: Uint8Array[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data: Buffer) => {
    received.push(new Uint8Array(data));
    for (const wake of waiters.splice(0)) wake();
  });
  const closed = once(ws, 'close').then(([code, reason]) => ({
    code: code as number,
    reason: (reason as Buffer).toString(),
  }));
  await Promise.race([once(ws, 'open'), closed]);
  return {
    ws,
    received,
    closed,
    async frame(index) {
      while (received.length <= index) await new Promise<void>((resolve) => waiters.push(resolve));
      return received[index]!;
    },
  };
}

/** `[messageType, syncType?]` of a relay frame. */
export function frameKind(frame: Uint8Array): [number, number | undefined] {
  const decoder = decoding.createDecoder(frame);
  const type = decoding.readVarUint(decoder);
  return [type, type === 0 ? decoding.readVarUint(decoder) : undefined];
}

/**
 * Writes a client frame by hand onto the socket under `ws`: a header announcing `announced` payload bytes
 * and only the first `payload.byteLength` of them (masked, as a client must), so a test sees whether the
 * server acts on the header or waits for the rest. `fin: false` starts a fragmented message; `opcode` 0
 * continues one.
 */
export function writePartialFrame(
  ws: WebSocket,
  announced: number,
  payload: Uint8Array,
  { opcode = 2, fin = true }: { opcode?: number; fin?: boolean } = {},
): void {
  const header = Buffer.alloc(14);
  header[0] = (fin ? 0x80 : 0) | opcode;
  let at = 2;
  if (announced < 126) header[1] = 0x80 | announced;
  else if (announced < 65_536) {
    header[1] = 0x80 | 126;
    header.writeUInt16BE(announced, 2);
    at = 4;
  } else {
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(announced), 2);
    at = 10;
  }
  // An all-zero mask leaves the payload as it is.
  header.fill(0, at, at + 4);
  const socket = (ws as unknown as { _socket: import('node:net').Socket })._socket;
  socket.write(Buffer.concat([header.subarray(0, at + 4), payload]));
}
