import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Who a connection is in presence: the signed-in user, as the server knows them. */
export interface PresenceIdentity {
  id: string;
  name: string;
}

export interface StampOptions {
  /** The sender's signed-in identity, written over whatever `user` it claimed; absent in open mode. */
  identity: PresenceIdentity | undefined;
  /** Awareness client ids the sender has announced already. */
  own: ReadonlySet<number>;
  /** True when another connection in the room announced `clientId`: the sender may not touch it. */
  takenByOther(clientId: number): boolean;
  /** How many client ids one connection may announce (a tab has one; a reload may add one). */
  maxIds: number;
}

/**
 * SE-05: rewrites a (validated) awareness update so that it says only what the sender may say: each state
 * carries the sender's signed-in user (never another's), client ids of other connections are dropped, and
 * past `maxIds` new ids are dropped. Returns null when nothing is left. Throws nothing: the update was
 * checked by the decoder.
 */
export function stampPresence(update: Uint8Array, options: StampOptions): Uint8Array | null {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const kept: Array<[clientId: number, clock: number, state: string]> = [];
  const announced = new Set(options.own);
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    if (options.takenByOther(clientId)) continue;
    if (!announced.has(clientId)) {
      if (announced.size >= options.maxIds) continue;
      announced.add(clientId);
    }
    kept.push([clientId, clock, stamp(json, options.identity)]);
  }
  if (kept.length === 0) return null;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kept.length);
  for (const [clientId, clock, state] of kept) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return encoding.toUint8Array(encoder);
}

function stamp(json: string, identity: PresenceIdentity | undefined): string {
  if (identity === undefined) return json;
  const state = JSON.parse(json) as unknown;
  // null is a client leaving; anything that is not an object carries no user to forge.
  if (state === null || typeof state !== 'object' || Array.isArray(state)) return json;
  return JSON.stringify({ ...state, user: { id: identity.id, name: identity.name } });
}
