import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeClientMessage, encodeUpdate, MalformedMessageError } from '../src/relay/protocol.ts';
import { randomBytes, seededRandom } from './helpers/random.ts';

function sampleUpdates(): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  doc.getMap('m').set('a', { x: 1 });
  doc.getText('t').insert(0, 'hello');
  doc.getArray('arr').push([1, 'two', new Uint8Array([3])]);
  const sub = new Y.Map();
  doc.getMap('m').set('sub', sub);
  sub.set('q', 'z');
  doc.getText('t').delete(1, 2);
  updates.push(Y.encodeStateAsUpdate(doc));
  return updates;
}

/** Decodes, and fails the test on any error that is not a MalformedMessageError. */
function decodeOrRefuse(frame: Uint8Array): 'ok' | 'refused' {
  try {
    decodeClientMessage(frame);
    return 'ok';
  } catch (error) {
    if (!(error instanceof MalformedMessageError)) throw error;
    return 'refused';
  }
}

describe('client message decoder', () => {
  it('accepts what the stock client sends', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('k', 1);
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, 0);
    encoding.writeVarUint(step1, 0);
    encoding.writeVarUint8Array(step1, Y.encodeStateVector(doc));
    expect(decodeClientMessage(encoding.toUint8Array(step1)).kind).toBe('sync-step-1');
    expect(decodeClientMessage(encodeUpdate(Y.encodeStateAsUpdate(doc))).kind).toBe('update');
    expect(decodeClientMessage(new Uint8Array([3])).kind).toBe('query-awareness');
  });

  it('only ever throws MalformedMessageError on random frames (seed 1)', () => {
    const random = seededRandom(1);
    const outcomes = { ok: 0, refused: 0 };
    for (let i = 0; i < 5_000; i++) {
      const frame = randomBytes(random, 1 + Math.floor(random() * 128));
      frame[0] = Math.floor(random() * 4);
      if (frame.length > 1) frame[1] = Math.floor(random() * 3);
      outcomes[decodeOrRefuse(frame)]++;
    }
    expect(outcomes.refused).toBeGreaterThan(4_900);
  });

  it('only ever throws MalformedMessageError on mutated and truncated real updates (seed 2)', () => {
    const random = seededRandom(2);
    const updates = sampleUpdates();
    const outcomes = { ok: 0, refused: 0 };
    for (let i = 0; i < 5_000; i++) {
      const mutated = new Uint8Array(updates[Math.floor(random() * updates.length)]!);
      for (let flip = 0; flip < 1 + Math.floor(random() * 3); flip++) {
        mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 256);
      }
      const payload = random() < 0.2 ? mutated.subarray(0, Math.floor(random() * mutated.length)) : mutated;
      outcomes[decodeOrRefuse(encodeUpdate(payload))]++;
    }
    // Both paths are exercised: some mutations still parse (the relay then relies on Yjs to integrate or throw).
    expect(outcomes.ok).toBeGreaterThan(100);
    expect(outcomes.refused).toBeGreaterThan(1_000);
  });
});
