import type { ReleaseId, StepId } from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  applyChange,
  CATALOG,
  CatalogMirror,
  type DocChanges,
  type DocName,
  ReleaseMirror,
  readCatalog,
  readCatalogInSlices,
  readRelease,
} from '../src/index.ts';
import { cluster, customer, event, ops } from '../src/testing/entities.ts';
import { Prng } from './support/prng.ts';
import { randomChange } from './support/random-ops.ts';

const R = 'release:r1' as ReleaseId;

/** One device: a catalog and a release doc, each with its mirror, recording every change set. */
function device(clientID: number) {
  const catalog = new Y.Doc();
  const rel = new Y.Doc();
  catalog.clientID = clientID;
  rel.clientID = clientID;
  const catalogMirror = new CatalogMirror(catalog);
  const releaseMirror = new ReleaseMirror(rel, R);
  const seen: DocChanges[] = [];
  catalogMirror.subscribe((c) => seen.push(c));
  releaseMirror.subscribe((c) => seen.push(c));
  const resolve = (name: DocName) => (name === CATALOG ? catalog : rel);
  return { catalog, rel, catalogMirror, releaseMirror, seen, resolve };
}
type Device = ReturnType<typeof device>;

function snapshot(d: Device) {
  return { catalog: readCatalog(d.catalog), release: readRelease(d.rel, R) };
}

function syncInto(from: Device, to: Device) {
  Y.applyUpdate(to.catalog, Y.encodeStateAsUpdate(from.catalog, Y.encodeStateVector(to.catalog)), 'remote');
  Y.applyUpdate(to.rel, Y.encodeStateAsUpdate(from.rel, Y.encodeStateVector(to.rel)), 'remote');
}

/** Wave memberships are keyed by customer id, like participants: keep them apart from those. */
const prefixed = (members: Record<string, string>) =>
  Object.fromEntries(Object.entries(members).map(([id, wave]) => [`member:${id}`, wave]));

/** Every entity that differs between two snapshots must be named by the change sets in between. */
function expectChangesCover(
  before: ReturnType<typeof snapshot>,
  after: ReturnType<typeof snapshot>,
  seen: DocChanges[],
) {
  const named = new Set<string>();
  let eventsAdded = 0;
  for (const c of seen) {
    if (c.kind === 'catalog') for (const id of [...c.clusters, ...c.customers, ...c.releases]) named.add(id);
    else {
      for (const id of [
        ...c.templates,
        ...c.customSteps,
        ...c.participants,
        ...c.stepStates,
        ...c.waves,
        ...c.waveMembers.map((customerId) => `member:${customerId}`),
      ])
        named.add(id);
      eventsAdded += c.events.length;
    }
  }
  const collections = [
    [before.catalog.clusters, after.catalog.clusters],
    [before.catalog.customers, after.catalog.customers],
    [before.catalog.releases, after.catalog.releases],
    [before.release.templates, after.release.templates],
    [before.release.customSteps, after.release.customSteps],
    [before.release.participants, after.release.participants],
    [before.release.stepStates, after.release.stepStates],
    [before.release.waves, after.release.waves],
    [prefixed(before.release.waveMembers), prefixed(after.release.waveMembers)],
  ] as Array<[Record<string, unknown>, Record<string, unknown>]>;
  for (const [was, now] of collections) {
    for (const id of new Set([...Object.keys(was), ...Object.keys(now)])) {
      if (JSON.stringify(was[id]) !== JSON.stringify(now[id]))
        expect(named, `change to ${id} not reported`).toContain(id);
    }
  }
  expect(eventsAdded).toBe(after.release.events.length - before.release.events.length);
}

describe('DocMirror', () => {
  it('starts from what the document already holds', () => {
    const a = device(1);
    applyChange(a.resolve, randomChange(new Prng(7), R), null);
    const late = new ReleaseMirror(a.rel, R);
    expect(late.state).toEqual(readRelease(a.rel, R));
    expect(new CatalogMirror(a.catalog).state).toEqual(readCatalog(a.catalog));
  });

  it('RM-04 a mirror read in slices (a large document opening) equals one read at once, and stays current', async () => {
    const rng = new Prng(11);
    const [a, b] = [device(1), device(2)];
    // Two devices that worked apart, then met: entries of both, interleaved in the log.
    for (let step = 0; step < 900; step++) applyChange(a.resolve, randomChange(rng, R), null);
    for (let step = 0; step < 300; step++) applyChange(b.resolve, randomChange(rng, R), null);
    syncInto(b, a);
    const log = a.rel.getArray('log');
    // More than two slices of 256 entries, so the read really stops and resumes.
    expect(log.length).toBeGreaterThan(512);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(a.rel));
    let pauses = 0;
    const sliced = await ReleaseMirror.openInSlices(
      copy,
      R,
      async () => {
        pauses++;
      },
      0,
    );
    expect(pauses).toBeGreaterThanOrEqual(2);
    expect(sliced.state).toEqual(readRelease(a.rel, R));
    expect(sliced.state).toEqual(new ReleaseMirror(a.rel, R).state);
    // It goes on incrementally like any mirror.
    for (let step = 0; step < 30; step++) {
      const change = randomChange(rng, R);
      applyChange((name) => (name === CATALOG ? a.catalog : copy), change, null);
    }
    expect(sliced.state).toEqual(readRelease(copy, R));
  }, 30_000);

  it('RM-05 a catalog read in slices equals one read at once, and its mirror stays current', async () => {
    const rng = new Prng(5);
    const a = device(1);
    for (let step = 0; step < 200; step++) applyChange(a.resolve, randomChange(rng, R), null);
    // Enough customers that the read stops and resumes (the clock is read every 64 entities).
    applyChange(
      a.resolve,
      {
        ops: [
          ops.cluster(cluster('cluster:k1', 'prod')),
          ...Array.from({ length: 300 }, (_, n) =>
            ops.customer(customer(`customer:s${n}` as const, 'cluster:k1', `tenant ${n}`)),
          ),
        ],
      },
      null,
    );
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(a.catalog));
    let pauses = 0;
    const state = await readCatalogInSlices(
      copy,
      async () => {
        pauses++;
      },
      0,
    );
    expect(pauses).toBeGreaterThanOrEqual(4);
    expect(state).toEqual(readCatalog(a.catalog));
    const mirror = new CatalogMirror(copy, state);
    applyChange(
      (name) => (name === CATALOG ? copy : a.rel),
      { ops: [ops.customer(customer('customer:s7', 'cluster:k1', 'renamed'))] },
      null,
    );
    expect(mirror.state).toEqual(readCatalog(copy));
    expect(mirror.state.customers['customer:s7']?.namespace).toBe('renamed');
  });

  it('emits one change set per transaction, with origin and locality', () => {
    const a = device(1);
    const b = device(2);
    applyChange(a.resolve, randomChange(new Prng(3), R), 'mine');
    expect(a.seen.every((c) => c.origin === 'mine' && c.local)).toBe(true);
    syncInto(a, b);
    expect(b.seen.length).toBeGreaterThan(0);
    expect(b.seen.every((c) => c.origin === 'remote' && !c.local)).toBe(true);
  });

  it('emits nothing for a transaction that touches no domain data', () => {
    const a = device(1);
    a.rel.transact(() => a.rel.getMap('meta').set('schemaVersion', 1));
    expect(a.seen).toEqual([]);
  });

  it('reports each event once when a transaction starts while another one is being cleaned up', () => {
    const a = device(1);
    const b = device(2);
    const updates: Uint8Array[] = [];
    a.rel.on('update', (u: Uint8Array) => updates.push(u));
    for (const id of ['e1', 'e2', 'e3'] as const) {
      // A field write between the events keeps Yjs from merging their items into one.
      const note = ops.stepState(R, 'step:c1.t1', { notes: id });
      applyChange(
        a.resolve,
        { ops: [note, ops.event(event(`event:${id}` as const, R, null, 'notes'))] },
        null,
      );
    }
    const [first, second, third] = updates as [Uint8Array, Uint8Array, Uint8Array];
    // Two updates applied from inside the first one's 'update' handler: both transactions wait for the
    // first one's cleanup, and the delta of the second is computed after the third integrated, so Yjs
    // reports e3 in both.
    const nest = () => {
      b.rel.off('update', nest);
      Y.applyUpdate(b.rel, second, 'remote');
      Y.applyUpdate(b.rel, third, 'remote');
    };
    b.rel.on('update', nest);
    Y.applyUpdate(b.rel, first, 'remote');
    expect(b.releaseMirror.state.events.map((e) => e.id)).toEqual(['event:e1', 'event:e2', 'event:e3']);
    const reported = b.seen.flatMap((c) => (c.kind === 'release' ? c.events.map((e) => e.id) : []));
    expect(reported.sort()).toEqual(['event:e1', 'event:e2', 'event:e3']);
  });

  for (let seed = 1; seed <= 40; seed++) {
    it(`seed ${seed}: incremental state equals a full re-read, and change sets name every change`, () => {
      const rng = new Prng(seed);
      const devices = [device(1), device(2), device(3)];
      for (let step = 0; step < 60; step++) {
        const d = rng.pick(devices);
        const before = snapshot(d);
        d.seen.length = 0;
        if (rng.bool(0.7)) applyChange(d.resolve, randomChange(rng, R), null);
        else syncInto(rng.pick(devices.filter((o) => o !== d)), d);
        const after = snapshot(d);
        expect(d.catalogMirror.state).toEqual(after.catalog);
        expect(d.releaseMirror.state).toEqual(after.release);
        expectChangesCover(before, after, d.seen);
      }
      for (const d of devices) for (const o of devices) if (d !== o) syncInto(o, d);
      const [first, ...rest] = devices.map((d) => ({ c: d.catalogMirror.state, r: d.releaseMirror.state }));
      for (const other of rest) expect(other).toEqual(first);
    });
  }

  it('ST-13 an appended entry and an entry merged mid-log each change only their own step', () => {
    const a = device(1);
    const b = device(2);
    const steps = ['step:c1.t1', 'step:c1.t2', 'step:c2.t1', 'step:c2.t2'] as const;
    applyChange(
      a.resolve,
      { ops: steps.map((id) => ops.stepState(R, id as StepId, { notes: `n ${id}` })) },
      null,
    );
    syncInto(a, b);
    // Apart: b (client 2) appends; a (client 1) appends too, and its entry sorts before b's on merge.
    applyChange(b.resolve, { ops: [ops.stepState(R, steps[1] as StepId, { status: 'done' })] }, null);
    applyChange(a.resolve, { ops: [ops.stepState(R, steps[2] as StepId, { status: 'skipped' })] }, null);
    const before = { ...b.releaseMirror.state.stepStates };
    b.seen.length = 0;
    syncInto(a, b);
    const log = b.rel.getArray('log').toArray() as unknown[][];
    // a's entry landed before b's newest one: a merge into the middle of the log.
    expect(log.length).toBe(6);
    const changed = b.seen.flatMap((c) => (c.kind === 'release' ? c.stepStates : []));
    expect(changed).toEqual([steps[2]]);
    const after = b.releaseMirror.state.stepStates;
    for (const id of [steps[0], steps[1], steps[3]]) expect(after[id as StepId]).toBe(before[id as StepId]);
    expect(after[steps[2] as StepId]).toEqual({ notes: 'n step:c2.t1', status: 'skipped' });
    expect(b.releaseMirror.state).toEqual(readRelease(b.rel, R));
  });

  it('ST-13 entries that are not entries (damage, a hostile writer) are ignored, never a crash', () => {
    const a = device(1);
    applyChange(a.resolve, { ops: [ops.stepState(R, 'step:c1.t1' as StepId, { notes: 'kept' })] }, null);
    const junk = [
      null,
      7,
      'x',
      [],
      [3],
      [5, 'nokey.nokey', 1, 'nokey'],
      [4, '', 1, 2, 8, 'detail?'],
      { a: 1 },
    ];
    expect(() => a.rel.getArray('log').push(junk)).not.toThrow();
    expect(a.releaseMirror.state).toEqual(readRelease(a.rel, R));
    expect(a.releaseMirror.state.stepStates['step:c1.t1' as StepId]).toEqual({ notes: 'kept' });
  });
});
