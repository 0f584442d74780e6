import type { ReleaseId, ReleaseState, StepId, StepState } from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  allRows,
  bucketOf,
  bucketStepsOf,
  DirtySet,
  EVENT_CHUNK,
  type EventPackRow,
  MemoryTables,
  pack,
  readRelease,
  releaseFromRows,
  STEP_BUCKETS,
  type StepPackRow,
  UNKNOWN_CUSTOMER,
  unpack,
  Workspace,
} from '../src/index.ts';
import { packBucket, packEvents, unpackBucket, unpackEvents } from '../src/projection/packed-rows.ts';
import { customStep, event, ops, template, wave } from '../src/testing/entities.ts';
import { Prng } from './support/prng.ts';
import { randomChange } from './support/random-ops.ts';

const R = 'release:r1' as ReleaseId;

function rebuilt(ws: Workspace) {
  const tables = new MemoryTables();
  tables.apply(allRows(ws.state));
  return tables.snapshot();
}

/** A workspace with an incremental projection flushed by hand. */
function device(clientID: number) {
  const ws = new Workspace({
    createDoc: () => {
      const doc = new Y.Doc();
      doc.clientID = clientID;
      return doc;
    },
  });
  ws.catalog.clientID = clientID;
  const dirty = new DirtySet();
  const tables = new MemoryTables();
  ws.subscribe((c) => dirty.add(c));
  const flush = () => tables.apply(dirty.take(ws.state));
  return { ws, tables, flush };
}

function syncInto(from: Workspace, to: Workspace) {
  for (const [name, doc] of from.docs()) {
    const target = to.doc(name) ?? to.openRelease(name as ReleaseId);
    Y.applyUpdate(target, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(target)), 'remote');
  }
}

/** The release read back from projection tables, as the app reads it from IndexedDB. */
function fromTables(tables: MemoryTables, releaseId: ReleaseId, lazyEvents = false): ReleaseState {
  const of = <T extends { releaseId: ReleaseId }>(rows: Iterable<T>) =>
    [...rows].filter((r) => r.releaseId === releaseId);
  return releaseFromRows(
    releaseId,
    {
      head: tables.tables.releaseHeads.get(releaseId),
      revisions: of(tables.tables.revisions.values()),
      steps: of(tables.tables.stepPacks.values()),
      events: of(tables.tables.eventPacks.values()),
    },
    { lazyEvents },
  );
}

/** The unpacked bucket row a customer falls in, if there is one. */
const bucketRow = (tables: MemoryTables, customer: string) => {
  const row = tables.tables.stepPacks.get(`${R}\u0000${bucketOf(customer as never)}`) as
    | StepPackRow
    | undefined;
  return row ? bucketStepsOf(row) : undefined;
};

describe('pack codec', () => {
  it('PJ-01: round-trips any JSON value exactly, and packs equal values to the same text', () => {
    const values: unknown[] = [
      'x',
      null,
      true,
      [],
      {},
      { b: 1, a: [1.5, 'two', null, false, { nested: { deep: ['x', 'x'] } }], '': '' },
      [
        { status: 'done', statusAt: '2026-01-01T00:00:00.000Z' },
        { status: 'done', notes: 'é ✓ "q"' },
      ],
    ];
    for (const value of values) {
      expect(unpack(pack(value))).toEqual(value);
    }
    expect(pack({ a: 1, b: { c: 'x', d: 'y' } })).toBe(pack({ b: { d: 'y', c: 'x' }, a: 1 }));
  });

  it('PJ-01: packs step states and events as columns, exactly, whatever their fields', () => {
    const states = {
      'step:a.b': { status: 'done', execution: { rev: 'rev:1', vars: { x: '1' }, at: 'T', by: 'A' } },
      'step:a.c': {
        notes: '',
        execution: { rev: 'rev:1', vars: {}, at: 'T', by: 'A' },
        odd: { n: 1, deep: { a: [1] } },
      },
      'step:a.d': { execution: 'legacy text', empty: {}, list: [1, 'x'], flag: true, none: null, num: 2.5 },
      'step:a.e': {},
    } as unknown as Record<StepId, StepState>;
    const bucket = { participants: {}, customSteps: {}, stepStates: states };
    expect(unpackBucket(packBucket(bucket))).toEqual(bucket);
    const reordered = Object.fromEntries(
      Object.entries(states).map(([id, s]) => [id, Object.fromEntries(Object.entries(s).reverse())]),
    ) as Record<StepId, StepState>;
    expect(packBucket({ ...bucket, stepStates: reordered })).toBe(packBucket(bucket));
    const events = [
      event('event:e1', R, 'step:a.b' as StepId, 'done'),
      { ...event('event:e2', R, null, 'notes'), detail: { k: 'v' } },
    ];
    expect(unpackEvents(packEvents(events))).toEqual(events);
  });

  it('PJ-01: stores a repeated string once', () => {
    const states = Array.from({ length: 50 }, () => ({ status: 'done', statusBy: 'A long actor name' }));
    const text = pack(states);
    expect(text.split('A long actor name')).toHaveLength(2);
    expect(text.length).toBeLessThan(JSON.stringify(states).length / 3);
  });
});

describe('projection rows', () => {
  it('PJ-01: packs the customers of a bucket into one row: participation, step states and custom steps', () => {
    const { ws, tables, flush } = device(1);
    ws.apply({
      ops: [
        ops.template(R, template('template:t1', R, 'x', 'a0')),
        ops.template(R, template('template:t2', R, 'y', 'a1')),
        ops.participant(R, 'customer:c1'),
        ops.stepState(R, 'step:c1.t1', { notes: 'n' }),
        ops.stepState(R, 'step:c1.t2', { status: 'done' }),
        ops.customStep(R, customStep('step:x1', R, 'customer:c1', 'x', 'a2')),
      ],
    });
    flush();
    expect(tables.tables.stepPacks.size).toBe(1);
    const c1 = bucketRow(tables, 'customer:c1');
    expect(Object.keys(c1?.participants ?? {})).toEqual(['customer:c1']);
    expect(c1?.stepStates).toEqual({ 'step:c1.t1': { notes: 'n' }, 'step:c1.t2': { status: 'done' } });
    expect(Object.keys(c1?.customSteps ?? {})).toEqual(['step:x1']);
  });

  it('PJ-01: a release of 1,000 customers takes at most one row per bucket', () => {
    const { ws, tables, flush } = device(1);
    const customers = Array.from({ length: 1000 }, (_, i) => `customer:c${i}` as const);
    ws.apply({
      ops: [
        ops.template(R, template('template:t1', R, 'x', 'a0')),
        ...customers.map((c) => ops.participant(R, c)),
        ...customers.map((c) => ops.stepState(R, `step:${c.slice(9)}.t1` as StepId, { status: 'done' })),
      ],
    });
    flush();
    expect(tables.tables.stepPacks.size).toBe(STEP_BUCKETS);
    expect(tables.tables.releaseHeads.size).toBe(1);
    expect(fromTables(tables, R).stepStates).toEqual(ws.state.releases[R]?.stepStates);
  });

  it('PJ-01: keeps a state whose custom record has not arrived under the unknown customer, then moves it', () => {
    const { ws, tables, flush } = device(1);
    const id = 'step:x1' as StepId;
    expect(bucketOf(UNKNOWN_CUSTOMER)).not.toBe(bucketOf('customer:c1'));
    ws.apply({ ops: [ops.stepState(R, id, { status: 'done' })] });
    flush();
    expect(bucketRow(tables, UNKNOWN_CUSTOMER)?.stepStates).toEqual({ [id]: { status: 'done' } });
    ws.apply({ ops: [ops.customStep(R, customStep(id, R, 'customer:c1', 'x', 'a0'))] });
    flush();
    expect(bucketRow(tables, UNKNOWN_CUSTOMER)).toBeUndefined();
    expect(bucketRow(tables, 'customer:c1')?.stepStates[id]).toEqual({ status: 'done' });
    expect(tables.snapshot()).toEqual(rebuilt(ws));
  });

  it('PJ-01: keeps templates, waves and wave members in the release head row', () => {
    const { ws, tables, flush } = device(1);
    ws.apply({
      ops: [
        ops.template(R, template('template:t1', R, 'x', 'a0')),
        ops.wave(R, wave('wave:w1', R, 'canary', 'a0')),
        ops.participant(R, 'customer:c1'),
        ops.waveMember(R, 'customer:c1', 'wave:w1'),
      ],
    });
    flush();
    expect(tables.tables.releaseHeads.size).toBe(1);
    const back = fromTables(tables, R);
    expect(back.waves).toEqual(ws.state.releases[R]?.waves);
    expect(back.waveMembers).toEqual({ 'customer:c1': 'wave:w1' });
    const dirty = new DirtySet();
    const off = ws.subscribe((c) => dirty.add(c));
    ws.apply({ ops: [ops.waveMember(R, 'customer:c1', 'wave:w2')] });
    const writes = dirty.take(ws.state);
    off();
    expect(writes.releaseHeads.put).toHaveLength(1);
    expect(writes.stepPacks.put).toEqual([]);
  });

  it("PJ-04: a template edit rewrites the head and no step row; a step change rewrites only its customer's bucket", () => {
    const { ws, flush } = device(1);
    ws.apply({
      ops: [
        ops.template(R, template('template:t1', R, 'x', 'a0')),
        ops.participant(R, 'customer:c1'),
        ops.participant(R, 'customer:c2'),
        ops.stepState(R, 'step:c1.t1', { notes: 'n' }),
      ],
    });
    flush();
    const dirty = new DirtySet();
    const off = ws.subscribe((c) => dirty.add(c));
    ws.apply({ ops: [ops.template(R, { id: 'template:t1', content: 'echo newer' })] });
    const edited = dirty.take(ws.state);
    expect(edited.stepPacks).toEqual({ put: [], delete: [] });
    expect(edited.releaseHeads.put).toHaveLength(1);
    ws.apply({ ops: [ops.stepState(R, 'step:c2.t1', { status: 'done' })] });
    const writes = dirty.take(ws.state);
    off();
    expect(writes.stepPacks.put.map((r) => r.bucket)).toEqual([bucketOf('customer:c2')]);
    expect(writes.releaseHeads.put).toEqual([]);
  });

  it('PJ-04: an appended event rewrites only the last history chunk', () => {
    const { ws, tables, flush } = device(1);
    const at = (i: number) =>
      `2026-01-01T00:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000Z`;
    const events = Array.from({ length: EVENT_CHUNK + 3 }, (_, i) =>
      event(`event:e${i}` as const, R, 'step:c1.t1' as StepId, 'notes', at(i)),
    );
    ws.apply({ ops: events.map((e) => ops.event(e)) });
    flush();
    expect(tables.tables.eventPacks.size).toBe(2);
    const dirty = new DirtySet();
    const off = ws.subscribe((c) => dirty.add(c));
    ws.apply({ ops: [ops.event(event('event:last', R, 'step:c1.t1' as StepId, 'notes', at(9999)))] });
    const writes = dirty.take(ws.state);
    off();
    expect(writes.eventPacks.put.map((r: EventPackRow) => [r.chunk, r.count])).toEqual([[1, 4]]);
  });

  it('PJ-03: a release read back from its rows equals the document, history read lazily or not', () => {
    const { ws, tables, flush } = device(1);
    const rng = new Prng(7);
    for (let i = 0; i < 80; i++) ws.apply(randomChange(rng, R));
    flush();
    const doc = ws.doc(R) as Y.Doc;
    const expected = readRelease(doc, R);
    expect(fromTables(tables, R)).toEqual(expected);
    const lazy = fromTables(tables, R, true);
    expect(lazy.stepStates).toEqual(expected.stepStates);
    expect(lazy.events).toEqual(expected.events);
    expect(JSON.parse(JSON.stringify(lazy))).toEqual(expected);
  });

  for (let seed = 1; seed <= 30; seed++) {
    it(`PJ-02 seed ${seed}: incremental rows equal a rebuild after random local and remote changes`, () => {
      const rng = new Prng(seed);
      const devices = [device(1), device(2), device(3)];
      for (let step = 0; step < 50; step++) {
        const d = rng.pick(devices);
        if (rng.bool(0.6)) d.ws.apply(randomChange(rng, R));
        else syncInto(rng.pick(devices.filter((o) => o !== d)).ws, d.ws);
        if (rng.bool(0.3)) {
          d.flush();
          expect(d.tables.snapshot()).toEqual(rebuilt(d.ws));
        }
      }
      for (const d of devices) for (const o of devices) if (d !== o) syncInto(o.ws, d.ws);
      for (const d of devices) d.flush();
      const [first, ...rest] = devices.map((d) => d.tables.snapshot());
      expect(first).toEqual(rebuilt(devices[0]?.ws as Workspace));
      for (const other of rest) expect(other).toEqual(first);
      // PJ-03: what the rows give back is what the document holds.
      const d0 = devices[0] as (typeof devices)[number];
      if (d0.ws.state.releases[R]) expect(fromTables(d0.tables, R)).toEqual(d0.ws.state.releases[R]);
    });
  }
});
