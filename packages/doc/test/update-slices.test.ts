import type { ReleaseId } from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyChange, readRelease, sliceUpdate } from '../src/index.ts';
import { Prng } from './support/prng.ts';
import { randomChange } from './support/random-ops.ts';

const R = 'release:r1' as ReleaseId;

/** A release document written by `devices` clients apart, then merged: items of every client. */
function releaseDoc(seed: number, devices: number, changes: number): Y.Doc {
  const rng = new Prng(seed);
  const docs = Array.from({ length: devices }, (_, i) => {
    const doc = new Y.Doc();
    doc.clientID = 1000 - i * 7; // falling ids: the update lists clients in an order unlike causality
    return doc;
  });
  for (let round = 0; round < 3; round++) {
    for (const doc of docs) {
      for (let i = 0; i < changes; i++) applyChange(() => doc, randomChange(rng, R), null);
    }
    // Meet after each round, so later items of one client refer to items of the others.
    const merged = Y.mergeUpdates(docs.map((d) => Y.encodeStateAsUpdate(d)));
    for (const doc of docs) Y.applyUpdate(doc, merged);
  }
  return docs[0] as Y.Doc;
}

function applyInSlices(update: Uint8Array, maxLength: number) {
  const doc = new Y.Doc();
  const slices = sliceUpdate(update, maxLength);
  let heldBack = 0;
  for (const slice of slices) {
    Y.applyUpdate(doc, slice);
    // No slice waits for a later one (Yjs would integrate all of it at once when that one arrives).
    if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) heldBack++;
  }
  return { doc, slices, heldBack };
}

describe('sliceUpdate', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`RM-04 seed ${seed}: the slices applied in order give the same document, none held back`, () => {
      const source = releaseDoc(seed, 3, 40);
      const update = Y.encodeStateAsUpdate(source);
      const { doc, slices, heldBack } = applyInSlices(update, 40);
      expect(slices.length).toBeGreaterThan(5);
      expect(heldBack).toBe(0);
      expect(readRelease(doc, R)).toEqual(readRelease(source, R));
      expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(source));
      // Same items and the same deletions: nothing to send either way.
      expect(Y.diffUpdate(update, Y.encodeStateVector(doc)).length).toBe(
        Y.diffUpdate(Y.encodeStateAsUpdate(doc), Y.encodeStateVector(doc)).length,
      );
      expect(Y.encodeStateAsUpdate(doc)).toEqual(update);
    }, 20_000);
  }

  it('RM-04 cuts one long item (a log pushed by one client) into slices of about the size asked', () => {
    const doc = new Y.Doc();
    const log = doc.getArray<number[]>('log');
    for (let i = 0; i < 1000; i++) log.push([[i, i * 2]]);
    const update = Y.encodeStateAsUpdate(doc);
    const { doc: copy, slices, heldBack } = applyInSlices(update, 100);
    expect(slices.length).toBe(11); // ten of 100 entries, then the deletions (none)
    expect(heldBack).toBe(0);
    expect(copy.getArray('log').toJSON()).toEqual(log.toJSON());
  });

  it('RM-04 an update whose first part is missing is applied as Yjs would apply it whole', () => {
    const doc = new Y.Doc();
    doc.getArray<number>('a').push([1, 2, 3]);
    const start = Y.encodeStateVector(doc);
    doc.getArray<number>('a').push([4, 5, 6]);
    const tail = Y.encodeStateAsUpdate(doc, start);
    const { doc: copy } = applyInSlices(tail, 1);
    expect(copy.getArray('a').toJSON()).toEqual([]);
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(copy)));
    expect(copy.getArray('a').toJSON()).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
