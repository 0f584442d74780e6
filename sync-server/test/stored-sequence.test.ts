import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StoredSequence } from '../src/relay/stored-sequence.ts';
import type { StoredUpdate } from '../src/storage/contract.ts';

/** Updates are one byte each: their own sequence number, so what was applied, in which order, shows. */
function harness(known: number, stored: number[], gapWaitMs = 20) {
  const applied: number[] = [];
  /** Per applied update: true when it came live from another relay, false when read from storage. */
  const live: boolean[] = [];
  const reads: number[] = [];
  let failReads = 0;
  const sequence = new StoredSequence(
    known,
    {
      apply: (update, isLive) => {
        applied.push(...update);
        live.push(isLive);
      },
      readSince: async (afterSeq) => {
        reads.push(afterSeq);
        if (failReads > 0) {
          failReads--;
          throw new Error('storage away');
        }
        return stored
          .filter((seq) => seq > afterSeq)
          .map((seq): StoredUpdate => ({ seq, data: new Uint8Array([seq]) }));
      },
      warn: () => {},
    },
    gapWaitMs,
  );
  return {
    sequence,
    applied,
    live,
    reads,
    failNextReads: (n: number) => {
      failReads = n;
    },
  };
}

const one = (seq: number) => new Uint8Array([seq]);
/** Moves the fake clock on, running the timers and the promises they start. */
const settle = (ms: number) => vi.advanceTimersByTimeAsync(ms);

describe('StoredSequence: a room applies stored batches in the order of their numbers', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('CL-01 applies what is next in line at once, skips what it has, and holds what runs ahead', async () => {
    const h = harness(3, [1, 2, 3, 4, 5, 6]);
    h.sequence.deliver(4, 4, one(4));
    h.sequence.deliver(2, 2, one(2));
    expect(h.applied).toEqual([4]);
    // 6 before 5 (two relays' messages crossed): 6 waits, 5 then releases it, no read.
    h.sequence.deliver(6, 6, one(6));
    expect(h.applied).toEqual([4]);
    h.sequence.deliver(5, 5, one(5));
    expect(h.applied).toEqual([4, 5, 6]);
    expect(h.sequence.known).toBe(6);
    await settle(40);
    expect(h.reads).toEqual([]);
  });

  it('CL-01 a number that never comes is read from storage after the wait, with what follows it', async () => {
    const h = harness(1, [1, 2, 3, 4]);
    h.sequence.deliver(3, 4, one(34));
    await settle(60);
    expect(h.reads).toEqual([1]);
    expect(h.applied).toEqual([2, 3, 4]);
    expect(h.sequence.known).toBe(4);
  });

  it('CL-01 says which updates came live from another relay and which were read from storage', async () => {
    // The room sends a live batch's own bytes to its connections; what was read (a compacted row may hold
    // the whole document) goes out as what was new to the room. Mixing them up would send a whole
    // document to every connection, or skip what a read found.
    const h = harness(0, [1, 2, 3, 4]);
    h.sequence.deliver(1, 1, one(1));
    h.sequence.deliver(3, 3, one(3));
    await settle(60);
    h.sequence.deliver(5, 5, one(5));
    expect(h.applied).toEqual([1, 2, 3, 4, 5]);
    expect(h.live).toEqual([true, false, false, false, true]);
  });

  it("CL-01 this relay's own batch is in the document already; a batch without bytes is read at once", async () => {
    const h = harness(0, [1, 2, 3]);
    h.sequence.deliver(1, 2, 'own');
    expect(h.applied).toEqual([]);
    expect(h.sequence.known).toBe(2);
    h.sequence.deliver(3, 3, null);
    await settle(0);
    expect(h.reads).toEqual([2]);
    expect(h.applied).toEqual([3]);
  });

  it('CL-01 a failed read is tried again, never lost and never spinning', async () => {
    const h = harness(0, [1, 2]);
    h.failNextReads(1);
    h.sequence.deliver(2, 2, one(2));
    await settle(40);
    expect(h.reads).toEqual([0]);
    // Retried after a second (storage may be restarting).
    await settle(1_100);
    expect(h.reads).toEqual([0, 0]);
    expect(h.applied).toEqual([1, 2]);
  });

  it('CL-01 stops on close: nothing more is read or applied', async () => {
    const h = harness(0, [1, 2]);
    h.sequence.deliver(2, 2, one(2));
    await h.sequence.close();
    await settle(40);
    expect(h.reads).toEqual([]);
    h.sequence.deliver(1, 1, one(1));
    expect(h.applied).toEqual([]);
  });
});
