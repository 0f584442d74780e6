import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';

/**
 * The y-websocket wire format, as spoken by the stock client: every frame is one binary message that
 * starts with a varuint message type.
 */
export const MessageType = { SYNC: 0, AWARENESS: 1, AUTH: 2, QUERY_AWARENESS: 3 } as const;
/** Sub-types of a SYNC message (y-protocols/sync). */
export const SyncType = { STEP_1: 0, STEP_2: 1, UPDATE: 2 } as const;
/** Sub-types of an AUTH message (y-protocols/auth); the stock client logs the reason. */
export const AuthType = { PERMISSION_DENIED: 0 } as const;

/** A client frame that decoded cleanly and whose payload is well-formed. */
export type ClientMessage =
  | { kind: 'sync-step-1'; stateVector: Uint8Array }
  | { kind: 'sync-step-2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' };

export class MalformedMessageError extends Error {
  override name = 'MalformedMessageError';
}

function readUint(decoder: decoding.Decoder, what: string): number {
  try {
    return decoding.readVarUint(decoder);
  } catch {
    throw new MalformedMessageError(`truncated or oversized varuint (${what})`);
  }
}

function readBytes(decoder: decoding.Decoder, what: string): Uint8Array {
  const length = readUint(decoder, `${what} length`);
  if (length > decoder.arr.length - decoder.pos) {
    throw new MalformedMessageError(
      `${what} claims ${length} bytes, frame has ${decoder.arr.length - decoder.pos}`,
    );
  }
  return decoding.readUint8Array(decoder, length);
}

function expectEnd(decoder: decoding.Decoder): void {
  if (decoder.pos !== decoder.arr.length) {
    throw new MalformedMessageError(`${decoder.arr.length - decoder.pos} trailing bytes`);
  }
}

/**
 * A well-formed update the relay still refuses: one that would create a sub-document. Runsheet's documents
 * never hold any, and each one a client plants would be a document inside a document the relay neither
 * stores apart nor authorises apart.
 */
export class RefusedUpdateError extends MalformedMessageError {
  override name = 'RefusedUpdateError';
}

/**
 * An update that refers to structs the room does not hold yet (SE-15): refused, but not as malformed (the
 * connection closes UPDATE_AHEAD, transient), since an honest client sends one in the moment after it
 * reconnects, before its first sync step 2 has gone out.
 */
export class UpdateAheadError extends Error {
  override name = 'UpdateAheadError';
}

/**
 * Parses the whole update (structs and delete set) without touching any document, and scans the parsed
 * structs (already in hand, no second pass over the bytes) for sub-documents. Returns what it parsed.
 */
export function checkUpdate(update: Uint8Array): ReturnType<typeof Y.decodeUpdate> {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (error) {
    throw new MalformedMessageError(`invalid Yjs update: ${(error as Error).message}`);
  }
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentDoc) {
      throw new RefusedUpdateError('the update would create a sub-document');
    }
  }
  return decoded;
}

/** What the first bytes of a frame say, read without touching its payload. */
export interface FrameHeader {
  type: number;
  /** For SYNC frames. */
  syncType?: number;
  /** Bytes the payload claims (SYNC frames): what a cap or a budget is charged before decoding. */
  payloadBytes: number;
}

/**
 * Reads a frame's message type (and sync type and payload length) and nothing else: the relay decides who
 * may write, how large and how often, before paying for a decode. null when even that does not parse
 * (`decodeClientMessage` then says why).
 */
export function peekFrameHeader(frame: Uint8Array): FrameHeader | null {
  try {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    if (type !== MessageType.SYNC) return { type, payloadBytes: frame.byteLength - decoder.pos };
    const syncType = decoding.readVarUint(decoder);
    const payloadBytes = decoding.readVarUint(decoder);
    return { type, syncType, payloadBytes };
  } catch {
    return null;
  }
}

/** True for a frame that would change the document: a sync step 2 or an update. */
export function isWriteFrame(header: FrameHeader | null): boolean {
  return (
    header !== null &&
    header.type === MessageType.SYNC &&
    (header.syncType === SyncType.STEP_2 || header.syncType === SyncType.UPDATE)
  );
}

/** A sync frame carrying an empty Yjs update (`[0, 0]`): what the stock client answers with nothing new. */
export function isEmptyWriteFrame(frame: Uint8Array): boolean {
  return frame.byteLength === 5 && frame[2] === 2 && frame[3] === 0 && frame[4] === 0;
}

function checkStateVector(stateVector: Uint8Array): void {
  try {
    const decoder = decoding.createDecoder(stateVector);
    const clients = decoding.readVarUint(decoder);
    for (let i = 0; i < clients; i++) {
      decoding.readVarUint(decoder);
      decoding.readVarUint(decoder);
    }
    expectEnd(decoder);
  } catch {
    throw new MalformedMessageError('invalid state vector');
  }
}

/** Awareness updates: count, then per client (id, clock, JSON state). JSON is parsed here so a bad one is ours to reject. */
function checkAwareness(update: Uint8Array): void {
  try {
    const decoder = decoding.createDecoder(update);
    const clients = decoding.readVarUint(decoder);
    for (let i = 0; i < clients; i++) {
      decoding.readVarUint(decoder);
      decoding.readVarUint(decoder);
      JSON.parse(decoding.readVarString(decoder));
    }
    expectEnd(decoder);
  } catch {
    throw new MalformedMessageError('invalid awareness update');
  }
}

/**
 * The update a sync step 2 or update frame carries, read without decoding it (SE-01d: a large one is
 * checked with `checkUpdate` off the relay's thread). Throws MalformedMessageError for any other frame.
 */
export function syncPayload(frame: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(frame);
  if (readUint(decoder, 'message type') !== MessageType.SYNC)
    throw new MalformedMessageError('not a sync frame');
  const syncType = readUint(decoder, 'sync type');
  if (syncType !== SyncType.STEP_2 && syncType !== SyncType.UPDATE)
    throw new MalformedMessageError(`sync type ${syncType} carries no update`);
  const payload = readBytes(decoder, 'sync payload');
  expectEnd(decoder);
  return payload;
}

/**
 * Decodes and validates one client frame completely before anything acts on it, so a bad frame can only
 * ever close its own connection: it never half-applies to a document.
 */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(frame);
  const type = readUint(decoder, 'message type');
  switch (type) {
    case MessageType.SYNC: {
      const syncType = readUint(decoder, 'sync type');
      const payload = readBytes(decoder, 'sync payload');
      expectEnd(decoder);
      switch (syncType) {
        case SyncType.STEP_1:
          checkStateVector(payload);
          return { kind: 'sync-step-1', stateVector: payload };
        case SyncType.STEP_2:
          checkUpdate(payload);
          return { kind: 'sync-step-2', update: payload };
        case SyncType.UPDATE:
          checkUpdate(payload);
          return { kind: 'update', update: payload };
        default:
          throw new MalformedMessageError(`unknown sync type ${syncType}`);
      }
    }
    case MessageType.AWARENESS: {
      const payload = readBytes(decoder, 'awareness payload');
      expectEnd(decoder);
      checkAwareness(payload);
      return { kind: 'awareness', update: payload };
    }
    case MessageType.QUERY_AWARENESS:
      expectEnd(decoder);
      return { kind: 'query-awareness' };
    default:
      // AUTH (2) only ever flows from server to client.
      throw new MalformedMessageError(`unknown message type ${type}`);
  }
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.SYNC);
    encoding.writeVarUint(e, SyncType.STEP_1);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  });
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.SYNC);
    encoding.writeVarUint(e, SyncType.STEP_2);
    encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, stateVector));
  });
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.SYNC);
    encoding.writeVarUint(e, SyncType.UPDATE);
    encoding.writeVarUint8Array(e, update);
  });
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.AWARENESS);
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  });
}

export function encodePermissionDenied(reason: string): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.AUTH);
    encoding.writeVarUint(e, AuthType.PERMISSION_DENIED);
    encoding.writeVarString(e, reason);
  });
}
