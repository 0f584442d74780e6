import { allRows, MemoryTables, readCatalog, Workspace } from '@runsheet/doc';
import { cluster, customer, ops, release, template } from '@runsheet/doc/testing';
import type { ReleaseId } from '@runsheet/domain';
import { Dexie, type DexieOptions } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DB_NAME } from './db.ts';
import { countUpdates, readUpdates } from './doc-storage.ts';
import type { LocalData } from './local-data.ts';
import { sliceHere } from './release-slicer.ts';
import { readStoredRelease } from './stored-release.ts';
import { freshIndexedDB, openTestData } from './test-db.ts';

const R = 'release:r1' as ReleaseId;
const open: LocalData[] = [];

async function start(idb = freshIndexedDB(), options: Parameters<typeof openTestData>[1] = {}) {
  const data = await openTestData(idb, options);
  open.push(data);
  return data;
}

/** A document's stored rows, read with a database of its own (the LocalData under test is closed). */
async function readUpdatesOf(idb: ReturnType<typeof freshIndexedDB>, name: 'catalog') {
  const data = await start(idb);
  const rows = await readUpdates(data.db, name);
  await data.close();
  open.splice(open.indexOf(data), 1);
  return rows;
}

afterEach(async () => {
  for (const data of open.splice(0)) await data.close();
});

/** Everything in the projection tables, comparable with what a rebuild from the documents gives. */
async function projection(data: LocalData) {
  const tables = data.db.projectionTables();
  const mem = new MemoryTables();
  const writes = allRows(data.state);
  mem.apply(writes);
  const stored: Record<string, unknown[]> = {};
  for (const [name, table] of Object.entries(tables)) stored[name] = await table.toArray();
  return { stored, expected: mem.snapshot() };
}

function seed(data: { workspace: Workspace }) {
  data.workspace.apply({
    ops: [
      ops.cluster(cluster('cluster:k1', 'prod')),
      ops.customer(customer('customer:c1', 'cluster:k1', 'acme')),
      ops.release(release(R, 'Spring')),
    ],
  });
  data.workspace.apply({
    ops: [
      ops.template(R, template('template:t1', R, 'migrate', 'a0')),
      ops.participant(R, 'customer:c1'),
      ops.stepState(R, 'step:c1.t1', { status: 'done', snapshotContent: 'echo migrate' }),
    ],
  });
}

describe('LocalData', () => {
  it('stores updates and projection rows in one write, and loads them back', async () => {
    const idb = freshIndexedDB();
    const first = await start(idb);
    seed(first);
    await first.flush();
    const { stored, expected } = await projection(first);
    expect(stored).toEqual(expected);
    // PJ-01: one row for the customer's bucket (participation and step state), one for the head.
    expect(stored.stepPacks).toHaveLength(1);
    expect(stored.releaseHeads).toHaveLength(1);
    expect(await readStoredRelease(first.db, R)).toEqual(first.state.releases[R]);
    const before = structuredClone(first.state);
    await first.close();
    open.splice(open.indexOf(first), 1);

    const second = await start(idb);
    expect(second.state.catalog).toEqual(before.catalog);
    await second.openRelease(R);
    expect(second.state.releases[R]).toEqual(before.releases[R]);
  });

  it('RM-04 opens a large release a slice per task: the slices of its rows, then its log in slices', async () => {
    const idb = freshIndexedDB();
    const first = await start(idb);
    seed(first);
    // A log of many entries, over several writes (several rows to merge).
    for (let i = 0; i < 3; i++) {
      first.workspace.apply({
        ops: Array.from({ length: 300 }, (_, n) =>
          ops.stepState(R, `step:c1.t${i * 300 + n}` as `step:${string}`, { status: 'done' }),
        ),
      });
      await first.flush();
    }
    const before = structuredClone(first.state.releases[R]);
    await first.close();
    open.splice(open.indexOf(first), 1);

    let sliced = 0;
    let pauses = 0;
    const second = await start(idb, {
      sliceAbove: 0,
      slicer: async (updates, _maxLength) => {
        const slices = sliceHere(updates, 40);
        sliced += slices.length;
        return slices;
      },
      pause: async () => {
        pauses++;
      },
    });
    await second.openRelease(R);
    expect(sliced).toBeGreaterThan(5);
    expect(pauses).toBeGreaterThan(sliced);
    expect(second.state.releases[R]).toEqual(before);
    // It goes on being edited and stored like any open release.
    second.workspace.apply({ ops: [ops.stepState(R, 'step:c1.t1', { status: 'skipped' })] });
    await second.flush();
    expect((await readStoredRelease(second.db, R)).stepStates['step:c1.t1']?.status).toBe('skipped');
  });

  it('RM-05 loads a large catalog a slice per task and reads it in slices: the same catalog as at once, still edited', async () => {
    const idb = freshIndexedDB();
    const first = await start(idb);
    // Several writes (several rows to merge), and edits of entities already stored.
    for (let i = 0; i < 3; i++) {
      first.workspace.apply({
        ops: [
          ops.cluster(cluster(`cluster:k${i}` as const, `prod-${i}`)),
          ...Array.from({ length: 150 }, (_, n) =>
            ops.customer(
              customer(`customer:c${i}-${n}` as const, `cluster:k${i}` as const, `acme ${i} ${n}`),
            ),
          ),
        ],
      });
      await first.flush();
    }
    first.workspace.apply({ ops: [ops.customer(customer('customer:c0-1', 'cluster:k2', 'moved'))] });
    await first.flush();
    const before = structuredClone(first.state.catalog);
    await first.close();
    open.splice(open.indexOf(first), 1);

    // The same stored rows applied at once, as before slicing.
    const whole = new Y.Doc();
    Y.applyUpdate(whole, Y.mergeUpdates((await readUpdatesOf(idb, 'catalog')).map((r) => r.update)));
    expect(readCatalog(whole)).toEqual(before);

    let sliced = 0;
    let pauses = 0;
    const second = await start(idb, {
      sliceAbove: 0,
      slicer: async (updates) => {
        const slices = sliceHere(updates, 40);
        sliced += slices.length;
        return slices;
      },
      pause: async () => {
        pauses++;
      },
    });
    expect(sliced).toBeGreaterThan(5);
    expect(pauses).toBeGreaterThan(sliced);
    expect(second.state.catalog).toEqual(before);
    expect(readCatalog(second.workspace.catalog)).toEqual(before);
    // The slices replaced the rows read: the next load applies them as they are.
    const stored = await readUpdates(second.db, 'catalog');
    expect(stored).toHaveLength(sliced);
    expect(stored.every((r) => r.sliced)).toBe(true);
    // The mirror follows later changes, and they are stored.
    second.workspace.apply({ ops: [ops.customer(customer('customer:c1-7', 'cluster:k0', 'renamed'))] });
    expect(second.state.catalog.customers['customer:c1-7']?.name).toBe('renamed');
    await second.close();
    open.splice(open.indexOf(second), 1);
    // Loaded from the stored slices (plus the row of the rename): no worker asked to cut anything.
    let cutAgain = 0;
    const counting = {
      sliceAbove: 0,
      slicer: async (updates: Uint8Array[]) => {
        cutAgain++;
        return sliceHere(updates, 40);
      },
    };
    // Slices and one more row (the rename): cut again, once.
    const third = await start(idb, counting);
    expect(third.state.catalog.customers['customer:c1-7']?.name).toBe('renamed');
    expect(Object.keys(third.state.catalog.customers)).toHaveLength(450);
    expect(cutAgain).toBe(1);
    const after = structuredClone(third.state.catalog);
    await third.close();
    open.splice(open.indexOf(third), 1);
    // Only slices: applied as stored, nothing cut.
    const fourth = await start(idb, counting);
    expect(cutAgain).toBe(1);
    expect(fourth.state.catalog).toEqual(after);
  });

  it('compacts a document to one stored row when it loads', async () => {
    const idb = freshIndexedDB();
    const first = await start(idb);
    for (let i = 0; i < 5; i++) {
      first.workspace.apply({ ops: [ops.cluster(cluster(`cluster:k${i}` as const, `c${i}`))] });
      await first.flush();
    }
    expect(await countUpdates(first.db, 'catalog')).toBe(5);
    await first.close();
    open.splice(open.indexOf(first), 1);
    const second = await start(idb);
    await second.flush();
    expect(await countUpdates(second.db, 'catalog')).toBe(1);
    expect(Object.keys(second.state.catalog.clusters)).toHaveLength(5);
  });

  it('compacts while running once a document passes compactAfter rows', async () => {
    const data = await start(freshIndexedDB(), { compactAfter: 3 });
    for (let i = 0; i < 3; i++) {
      data.workspace.apply({ ops: [ops.cluster(cluster(`cluster:k${i}` as const, `c${i}`))] });
      await data.flush();
    }
    expect(await countUpdates(data.db, 'catalog')).toBe(1);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await readUpdates(data.db, 'catalog'))[0]?.update as Uint8Array);
    expect(readCatalog(doc)).toEqual(data.state.catalog);
  });

  it('never compacts away rows another tab stored that this tab has not seen', async () => {
    const idb = freshIndexedDB();
    const a = await start(idb, { compactAfter: 1000 });
    const b = await start(idb);
    for (let i = 0; i < 3; i++) {
      a.workspace.apply({ ops: [ops.cluster(cluster(`cluster:a${i}` as const, `a${i}`))] });
      await a.flush();
    }
    b.workspace.apply({ ops: [ops.cluster(cluster('cluster:b', 'from b'))] });
    await b.flush();
    expect(await countUpdates(a.db, 'catalog')).toBe(4);
    a.workspace.apply({ ops: [ops.cluster(cluster('cluster:a3', 'a3'))] });
    await a.flush();
    // a knows 4 of the 5 rows: it compacts those into one; b's row stays.
    await a.compactNow('catalog');
    expect(await countUpdates(a.db, 'catalog')).toBe(2);
    const c = await start(idb);
    expect(Object.keys(c.state.catalog.clusters).sort()).toEqual([
      'cluster:a0',
      'cluster:a1',
      'cluster:a2',
      'cluster:a3',
      'cluster:b',
    ]);
  });

  it('schedules the write of a change within 250 ms, and the timer writes it', async () => {
    const timers: Array<{ fn: () => void; ms: number }> = [];
    const data = await start(freshIndexedDB(), {
      setTimer: (fn, ms) => {
        timers.push({ fn, ms });
        return () => undefined;
      },
    });
    data.workspace.apply({ ops: [ops.cluster(cluster('cluster:k1', 'prod'))] });
    data.workspace.apply({ ops: [ops.cluster(cluster('cluster:k2', 'stage'))] });
    expect(timers).toHaveLength(1);
    expect(timers[0]?.ms).toBeLessThanOrEqual(250);
    expect(await data.db.clusters.count()).toBe(0);
    const written = new Promise<void>((resolve) => data.onWrite(resolve));
    timers[0]?.fn();
    await written;
    expect(await data.db.clusters.count()).toBe(2);
    expect(await countUpdates(data.db, 'catalog')).toBe(1);
  });

  for (const trigger of ['pagehide', 'visibilitychange:hidden'] as const) {
    it(`flushes on ${trigger}`, async () => {
      const win = new EventTarget();
      const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
      const data = await start(freshIndexedDB(), {
        lifecycle: { window: win, document: doc },
        setTimer: () => () => undefined,
      });
      data.workspace.apply({ ops: [ops.cluster(cluster('cluster:k1', 'prod'))] });
      if (trigger === 'pagehide') win.dispatchEvent(new Event('pagehide'));
      else {
        doc.visibilityState = 'hidden';
        doc.dispatchEvent(new Event('visibilitychange'));
      }
      await data.idle();
      expect(await data.db.clusters.count()).toBe(1);
    });
  }

  it('loads what is stored of a release the workspace opened by itself', async () => {
    const idb = freshIndexedDB();
    const first = await start(idb);
    seed(first);
    await first.close();
    open.splice(open.indexOf(first), 1);
    const second = await start(idb);
    // A change reaches the release before anyone opened it (a command, or an update from the relay).
    second.workspace.apply({ ops: [ops.stepState(R, 'step:c1.t1', { notes: 'late' })] });
    await second.openRelease(R);
    expect(second.state.releases[R]?.templates['template:t1']?.name).toBe('migrate');
    expect(second.state.releases[R]?.stepStates['step:c1.t1']).toMatchObject({
      status: 'done',
      notes: 'late',
    });
    await second.flush();
    expect((await readStoredRelease(second.db, R)).stepStates['step:c1.t1']).toMatchObject({
      status: 'done',
      notes: 'late',
    });
  });

  it('rebuilds the projection from every stored document, open or not', async () => {
    const idb = freshIndexedDB();
    const data = await start(idb);
    seed(data);
    await data.closeRelease(R);
    await data.db.stepPacks.clear();
    await data.db.clusters.clear();
    await data.rebuildProjection();
    expect(await data.db.clusters.count()).toBe(1);
    expect((await readStoredRelease(data.db, R)).stepStates).toEqual({
      'step:c1.t1': { status: 'done', snapshotContent: 'echo migrate' },
    });
  });
});

describe('two tabs of one browser', () => {
  it('stay consistent through the BroadcastChannel', async () => {
    const idb = freshIndexedDB();
    const name = `runsheet-test-${Math.random()}`;
    const a = await start(idb, { channel: new BroadcastChannel(name) });
    const b = await start(idb, { channel: new BroadcastChannel(name) });
    const arrived = new Promise<void>((resolve) => {
      const off = b.workspace.subscribe(() => {
        off();
        resolve();
      });
    });
    a.workspace.apply({ ops: [ops.cluster(cluster('cluster:k1', 'prod'))] });
    await arrived;
    expect(b.state.catalog).toEqual(a.state.catalog);
  });

  it('catch up from IndexedDB when no message reached them', async () => {
    const idb = freshIndexedDB();
    const a = await start(idb);
    const b = await start(idb);
    await b.openRelease(R);
    seed(a);
    await a.flush();
    expect(b.state.catalog.clusters).toEqual({});
    await b.syncFromStorage();
    expect(b.state.catalog).toEqual(a.state.catalog);
    expect(b.state.releases[R]).toEqual(a.state.releases[R]);
  });
});

describe('a database written by an older version of the app', () => {
  /** The schema of projection version 2: one row per step, per event and per participant. */
  class VersionTwoDB extends Dexie {
    constructor(name: string, options: DexieOptions) {
      super(name, options);
      this.version(1).stores({
        clusters: 'id',
        customers: 'id, clusterId, [clusterId+namespace]',
        releases: 'id, status, type',
        templates: 'id, [releaseId+category]',
        participants: '[releaseId+customerId]',
        stepRecords: 'id, [releaseId+customerId], [releaseId+templateId], [releaseId+status]',
        events: 'id, [releaseId+at], [releaseId+kind], stepId, at',
        docUpdates: '++seq, [docName+seq]',
        meta: 'key',
      });
      this.version(2).stores({ revisions: 'id, releaseId' });
    }
  }

  it('PJ-05: drops the per-step tables and rebuilds the packed projection from the documents', async () => {
    const idb = freshIndexedDB();
    // The documents as a device of that version stored them, and a row of its projection.
    const source = new Workspace();
    seed({ workspace: source });
    const old = new VersionTwoDB(DB_NAME, idb);
    await old.open();
    await old.table('docUpdates').bulkAdd([
      { docName: 'catalog', update: Y.encodeStateAsUpdate(source.catalog) },
      { docName: R, update: Y.encodeStateAsUpdate(source.doc(R) as Y.Doc) },
    ]);
    await old.table('stepRecords').add({ id: 'step:c1.t1', releaseId: R, customerId: 'customer:c1' });
    await old.table('meta').put({ key: 'projectionVersion', value: 2 });
    old.close();

    const data = await start(idb);
    expect(data.db.tables.map((t) => t.name)).not.toContain('stepRecords');
    expect(await data.db.stepPacks.count()).toBe(1);
    expect(await readStoredRelease(data.db, R)).toEqual(source.state.releases[R]);
    source.destroy();
  });
});
