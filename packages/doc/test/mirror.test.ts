import type { ReleaseId } from '@runsheet/domain';
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
  readRelease,
} from '../src/index.ts';
import { event, ops } from '../src/testing/entities.ts';
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
});
