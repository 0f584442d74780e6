import type { HistoryEvent, ReleaseId } from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyChange, ReleaseMirror, readRelease, releaseRoots } from '../src/index.ts';
import { event, ops } from '../src/testing/entities.ts';
import { Prng } from './support/prng.ts';

/**
 * The legacy `events` root (history as schema 1 and 2 wrote it): a release of that age holds an event per
 * action, and an old app, or a hostile member, may still append to it. The mirror reads such a write at
 * the cost of what it inserts (ST-16), and its history stays what a full read gives.
 */
const R = 'release:r1' as ReleaseId;

const legacy = (id: string): HistoryEvent => ({
  ...event(`event:${id}` as HistoryEvent['id'], R, null, 'notes'),
});

function device(clientID: number) {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const mirror = new ReleaseMirror(doc, R);
  const added: string[] = [];
  mirror.subscribe((c) => {
    if (c.kind === 'release') for (const e of c.events) added.push(e.id);
  });
  return { doc, mirror, added };
}

describe('ST-16: legacy history read at the cost of what a write inserts', () => {
  it('ST-16 an event appended to a large legacy history leaves every event already read as it was (not decoded again)', () => {
    const d = device(1);
    releaseRoots(d.doc).events.push(Array.from({ length: 5_000 }, (_, i) => legacy(`old${i}`)));
    const before = [...d.mirror.state.events];
    d.added.length = 0;
    releaseRoots(d.doc).events.push([legacy('new')]);
    const after = d.mirror.state.events;
    expect(after).toHaveLength(5_001);
    // The same objects: the write decoded the one event it inserted, nothing else.
    for (let i = 0; i < before.length; i++) expect(after[i]).toBe(before[i]);
    expect(after[5_000]?.id).toBe('event:new');
    expect(d.added).toEqual(['event:new']);
  });

  it("ST-16 legacy events go before the log's, and a legacy write after log entries keeps that order", () => {
    const d = device(1);
    releaseRoots(d.doc).events.push([legacy('a')]);
    applyChange(() => d.doc, { ops: [ops.event(event('event:log1', R, null, 'notes'))] }, null);
    releaseRoots(d.doc).events.push([legacy('b')]);
    expect(d.mirror.state.events.map((e) => e.id)).toEqual(['event:a', 'event:b', 'event:log1']);
    expect(d.mirror.state.events).toEqual(readRelease(d.doc, R).events);
  });

  it('ST-16 each legacy event once when a transaction starts while another one is being cleaned up', () => {
    const a = device(1);
    const b = device(2);
    const updates: Uint8Array[] = [];
    a.doc.on('update', (u: Uint8Array) => updates.push(u));
    for (const id of ['e1', 'e2', 'e3']) {
      // A write between the events keeps Yjs from merging their items into one.
      a.doc.transact(() => {
        releaseRoots(a.doc).events.push([legacy(id)]);
        a.doc.getMap('meta').set('touched', id);
      });
    }
    const [first, second, third] = updates as [Uint8Array, Uint8Array, Uint8Array];
    // Applied from inside the first one's 'update' handler: Yjs reports e3 in both later transactions.
    const nest = () => {
      b.doc.off('update', nest);
      Y.applyUpdate(b.doc, second, 'remote');
      Y.applyUpdate(b.doc, third, 'remote');
    };
    b.doc.on('update', nest);
    Y.applyUpdate(b.doc, first, 'remote');
    expect(b.mirror.state.events.map((e) => e.id)).toEqual(['event:e1', 'event:e2', 'event:e3']);
    expect(b.added.sort()).toEqual(['event:e1', 'event:e2', 'event:e3']);
  });

  for (let seed = 1; seed <= 30; seed++) {
    it(`ST-16 seed ${seed}: legacy appends, inserts and deletes on three devices, merged in random order, read as a full read does`, () => {
      const rng = new Prng(seed);
      const devices = [device(1), device(2), device(3)];
      let n = 0;
      for (let step = 0; step < 80; step++) {
        const d = rng.pick(devices);
        const events = releaseRoots(d.doc).events;
        const roll = rng.int(0, 9);
        if (roll < 4) events.push([legacy(`s${seed}-${n++}`)]);
        else if (roll < 6)
          events.insert(rng.int(0, events.length), [legacy(`s${seed}-${n++}`), legacy(`s${seed}-${n++}`)]);
        else if (roll < 7 && events.length > 0) events.delete(rng.int(0, events.length - 1), 1);
        else if (roll < 8)
          applyChange(
            () => d.doc,
            { ops: [ops.event(event(`event:l${seed}-${n++}` as HistoryEvent['id'], R, null, 'notes'))] },
            null,
          );
        else {
          const from = rng.pick(devices.filter((o) => o !== d));
          Y.applyUpdate(d.doc, Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(d.doc)), 'remote');
        }
        expect(d.mirror.state.events).toEqual(readRelease(d.doc, R).events);
      }
    });
  }
});
