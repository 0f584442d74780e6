/**
 * The attackers' payloads, built with the real Yjs and the doc layer: an update that decodes into a huge
 * structure, presence frames, forged history.
 */
import { applyChange } from '@runsheet/doc';
import { newEvent, type ReleaseId, type StepId, testContext } from '@runsheet/domain';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MessageType, SyncType } from '../../src/relay/protocol.ts';

/**
 * A Yjs update of about `bytes` bytes that decodes into one item per ~16 bytes (a map key each: the
 * shape that made the relay stall for seconds and grow by hundreds of MB before SE-01).
 */
export function hugeUpdate(bytes = 1_700_000): Uint8Array {
  const doc = new Y.Doc();
  const map = doc.getMap('junk');
  doc.transact(() => {
    for (let i = 0; i * 16 < bytes; i++) map.set(`k${i}`, i);
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/**
 * The same update as written by another client id: new content to the room every time, without building
 * the document again. Safe for `hugeUpdate`'s shape: one client, and its items name no other client.
 */
export function asClient(update: Uint8Array, client: number): Uint8Array {
  const d = decoding.createDecoder(update);
  const clients = decoding.readVarUint(d);
  const structs = decoding.readVarUint(d);
  decoding.readVarUint(d);
  if (clients !== 1) throw new Error('asClient takes a one-client update');
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, clients);
  encoding.writeVarUint(e, structs);
  encoding.writeVarUint(e, client);
  encoding.writeUint8Array(e, update.subarray(d.pos));
  return encoding.toUint8Array(e);
}

/** A client id whose varuint takes exactly four bytes, so that one can be written over another in place. */
export const fourByteClientId = () => 2 ** 21 + Math.floor(Math.random() * (2 ** 28 - 2 ** 21));

/**
 * A frame (`frameOf` the update) of `hugeUpdate`'s shape whose client id `setClient` changes in place:
 * new content to the room at every send, without building or copying megabytes per connection (the
 * attacker's own work, which the benchmark must not bill to the server).
 */
export function reclientableFrame(update: Uint8Array, frameOf: (update: Uint8Array) => Uint8Array) {
  const first = asClient(update, fourByteClientId());
  const frame = frameOf(first);
  const d = decoding.createDecoder(first);
  decoding.readVarUint(d); // clients
  decoding.readVarUint(d); // structs
  const at = frame.byteLength - first.byteLength + d.pos;
  return {
    frame,
    setClient(client: number): void {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, client);
      const bytes = encoding.toUint8Array(e);
      if (bytes.byteLength !== 4) throw new Error(`client id ${client} is not a four-byte varuint`);
      frame.set(bytes, at);
    },
  };
}

export function syncFrame(syncType: number, update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.SYNC);
  encoding.writeVarUint(e, syncType);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

export const updateFrame = (update: Uint8Array) => syncFrame(SyncType.UPDATE, update);
export const step2Frame = (update: Uint8Array) => syncFrame(SyncType.STEP_2, update);

/** An awareness frame of `[clientId, clock, state]` entries. */
export function presenceFrame(entries: Array<[number, number, Record<string, unknown> | null]>): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const [id, clock, state] of entries) {
    encoding.writeVarUint(inner, id);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, JSON.stringify(state));
  }
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, MessageType.AWARENESS);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

/** An update appending `count` history events (notes on a step) that name `actor`, as the doc layer writes. */
export function forgedHistory(room: string, actor: { id: string; name: string }, count: number): Uint8Array {
  const doc = new Y.Doc();
  const ctx = testContext({ actor, device: `forger${doc.clientID}` });
  const releaseId = room as ReleaseId;
  const ops = Array.from({ length: count }, (_, i) => ({
    doc: 'release' as const,
    releaseId,
    op: 'append-event' as const,
    event: newEvent(ctx, {
      releaseId,
      kind: 'notes',
      stepId: `step:forged-${i % 5}` as StepId,
      detail: { notes: `written as ${actor.name}` },
    }),
  }));
  applyChange(() => doc, { ops }, null);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
