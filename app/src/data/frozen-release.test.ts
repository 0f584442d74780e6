/**
 * Frozen releases on a device (FZ-01..FZ-05): archiving stores a snapshot with the archive, every view
 * reads the same from it as from the document, unarchiving goes on editing, another device's archive
 * freezes here too, and a late event is kept.
 */
import type { Command } from '@runsheet/doc';
import {
  activateRelease,
  addTemplate,
  archiveRelease,
  type CommandResult,
  type CustomerId,
  createCluster,
  createCustomer,
  createRelease,
  type DomainState,
  flaggedEventIds,
  markDone,
  overrideStep,
  packedStepStatesOf,
  type ReleaseId,
  releaseMatrixCsv,
  releaseProgress,
  resolveCustomerSteps,
  resolveReleaseSteps,
  revertStep,
  setNotes,
  skipStep,
  stepHistory,
  stepStatusMatrix,
  type TemplateId,
  templateStepId,
  testContext,
  unarchiveRelease,
} from '@runsheet/domain';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { countUpdates } from './doc-storage.ts';
import { type FetchedFrozen, readFrozen } from './frozen-store.ts';
import type { LocalData } from './local-data.ts';
import { ReadModel, type ReleaseRead, type ReleaseView } from './read-model/read-model.ts';
import { readReleaseRows } from './stored-release.ts';
import { freshIndexedDB, openTestData } from './test-db.ts';

type Idb = ReturnType<typeof freshIndexedDB>;
const open: Array<{ data: LocalData; model?: ReadModel }> = [];

afterEach(async () => {
  for (const { data, model } of open.splice(0)) {
    model?.destroy();
    await data.close();
  }
});

async function device(idb: Idb) {
  const data = await openTestData(idb);
  const model = new ReadModel(data);
  open.push({ data, model });
  return { data, model };
}

/** A device with the read model given `fetchFrozen` (FZ-09), as the app composes it. */
async function deviceFetching(
  idb: Idb,
  fetchFrozen: (releaseId: ReleaseId, knownHash?: string) => Promise<FetchedFrozen | 'unchanged' | null>,
) {
  const data = await openTestData(idb);
  const model = new ReadModel(data, { fetchFrozen });
  open.push({ data, model });
  return { data, model };
}

async function closeAll() {
  for (const { data, model } of open.splice(0)) {
    model?.destroy();
    await data.close();
  }
}

function runner(data: LocalData, name: string) {
  const ctx = testContext({ device: name });
  return <I, T>(command: Command<I, T>, input: I): T => {
    ctx.tick();
    const result: CommandResult<T> = data.run(command, input, ctx);
    if (!result.ok) throw new Error(result.error.code);
    return result.value;
  };
}

/**
 * A generated release (24 customers in 3 clusters x 10 templates) well under way: most steps done,
 * some skipped, reverted, with notes and overrides.
 */
async function generatedRelease(data: LocalData) {
  const run = runner(data, 'gen');
  const clusters = [0, 1, 2].map((i) => run(createCluster, { name: `cluster-${i}` }).clusterId);
  const customers: CustomerId[] = [];
  for (let i = 0; i < 24; i++) {
    const clusterId = clusters[i % 3] as (typeof clusters)[number];
    customers.push(
      run(createCustomer, { clusterId, name: `Customer ${i}`, namespace: `tenant-${i}` }).customerId,
    );
  }
  const releaseId = run(createRelease, { name: 'Big', type: 'release', versionNumber: '9.0.0' }).releaseId;
  const templates: TemplateId[] = [];
  for (let t = 0; t < 10; t++) {
    const category = t < 8 ? 'deploy' : 'verify';
    const content = `kubectl -n {{customer.namespace}} --context {{cluster.name}} apply -f step-${t}.yaml`;
    templates.push(
      run(addTemplate, { releaseId, name: `Step ${t}`, category, type: 'bash', content }).templateId,
    );
  }
  run(activateRelease, { releaseId });
  customers.forEach((customerId, c) => {
    templates.forEach((templateId, t) => {
      const stepId = templateStepId(customerId, templateId);
      const k = (c * 10 + t) % 13;
      if (k === 0) run(overrideStep, { releaseId, stepId, content: `echo only for ${c}` });
      if (k === 1) run(setNotes, { releaseId, stepId, notes: `note ${c}/${t}` });
      if (k === 2) run(skipStep, { releaseId, stepId, reason: 'not used here' });
      else if (k === 3) {
        run(markDone, { releaseId, stepId });
        run(revertStep, { releaseId, stepId, reason: 'rolled back' });
      } else if (k !== 4) run(markDone, { releaseId, stepId, notes: k === 5 ? 'ok' : undefined });
    });
  });
  await data.flush();
  return { releaseId, customers, templates };
}

/** Every view a release page, the report and the CSV export derive from a release, by name. */
function views(state: DomainState, releaseId: ReleaseId, customers: CustomerId[]) {
  const steps = resolveReleaseSteps(state, releaseId);
  return {
    matrix: stepStatusMatrix(state, releaseId),
    steps,
    progress: releaseProgress(state, releaseId),
    csv: releaseMatrixCsv(state, releaseId),
    flagged: [...flaggedEventIds(state, releaseId)].sort(),
    customers: customers.map((c) => resolveCustomerSteps(state, releaseId, c)),
    history: steps.map((s) => stepHistory(state, releaseId, s.id)),
  };
}

function nextRead(model: ReadModel, releaseId: ReleaseId, accept: (read: ReleaseRead) => boolean) {
  return new Promise<ReleaseView>((resolve) => {
    const check = () => {
      const read = model.release(releaseId);
      if (!accept(read) || read.status !== 'ready') return;
      off();
      resolve(read);
    };
    const off = model.subscribeRelease(releaseId, check);
    check();
  });
}

/** A read from `source` with its history there (a frozen read paints its steps first, FZ-02). */
const from = (source: string) => (r: ReleaseRead) =>
  r.status === 'ready' && r.source === source && r.history === 'ready';

// Each test builds a release of 240 steps through the real commands into fake-indexeddb: about 2 s on a
// quiet machine, more than the 5 s default on the shared, loaded one.
/** A generated release archived on device A, whose pages are then closed: what device B opens cold. */
async function archivedOnOneDevice() {
  const idb = freshIndexedDB();
  const a = await device(idb);
  const g = await generatedRelease(a.data);
  runner(a.data, 'a')(archiveRelease, { releaseId: g.releaseId });
  await a.data.flush();
  const live = structuredClone(a.data.state.releases[g.releaseId]);
  await closeAll();
  return { idb, g, live };
}

/** The page's idle callbacks, run by hand (the test says when the page is idle); unstub after. */
function manualIdle(): Array<() => void> {
  const idle: Array<() => void> = [];
  vi.stubGlobal('requestIdleCallback', (callback: () => void) => idle.push(callback));
  return idle;
}

describe('frozen releases on a device', { timeout: 30_000 }, () => {
  it('FZ-01 FZ-02: archiving stores the snapshot with the archive, and every view reads the same from it', async () => {
    const idb = freshIndexedDB();
    const a = await device(idb);
    const g = await generatedRelease(a.data);
    const run = runner(a.data, 'a');
    const before = views(a.data.state, g.releaseId, g.customers);
    const live = structuredClone(a.data.state.releases[g.releaseId]);
    expect(await a.data.db.frozenReleases.count()).toBe(0);

    run(archiveRelease, { releaseId: g.releaseId });
    await a.data.flush();
    // Stored by the same write as the archive: what flush() resolved for is what "Archived" waits on.
    const row = await a.data.db.frozenReleases.get(g.releaseId);
    expect(row?.bytes.length).toBeGreaterThan(0);
    expect(row?.hash).toMatch(/^[0-9a-f]{64}$/);
    const archivedDoc = views(a.data.state, g.releaseId, g.customers);
    await closeAll();

    // A reload: the archived release is read from its snapshot; its document is never opened.
    const b = await device(idb);
    const read = await nextRead(b.model, g.releaseId, from('frozen'));
    expect(b.data.workspace.isOpen(g.releaseId)).toBe(false);
    expect(read.history).toBe('ready');
    expect(read.release.status).toBe('archived');
    expect(read.state.releases[g.releaseId]).toEqual(live);
    const frozen = views(read.state, g.releaseId, g.customers);
    expect(frozen).toEqual(archivedDoc);
    // The release's own views do not depend on its status, so they equal those before archiving too.
    expect(frozen).toEqual(before);
    expect(frozen.steps.filter((s) => s.status === 'done').length).toBeGreaterThan(150);
    expect(frozen.history.flat().length).toBeGreaterThan(200);
  });

  it('RM-07 an archived release paints first from its packed projection, the same steps as its snapshot, which then takes over', async () => {
    const { idb, g, live } = await archivedOnOneDevice();

    const b = await device(idb);
    // Every ready read the views get, by source, with the matrix and steps they would paint.
    const seen: Array<{ source: string; matrix: unknown; stepStates: unknown }> = [];
    const off = b.model.subscribeRelease(g.releaseId, () => {
      const read = b.model.release(g.releaseId);
      if (read.status !== 'ready' || seen.at(-1)?.source === read.source) return;
      seen.push({
        source: read.source,
        matrix: stepStatusMatrix(read.state, g.releaseId),
        stepStates: structuredClone(read.state.releases[g.releaseId]?.stepStates),
      });
    });
    b.model.release(g.releaseId);
    const frozen = await nextRead(b.model, g.releaseId, from('frozen'));
    off();
    expect(seen.map((r) => r.source)).toEqual(['stored', 'frozen']);
    expect(seen[0]?.stepStates).toEqual(live?.stepStates);
    expect(seen[0]?.matrix).toEqual(seen[1]?.matrix);
    expect(frozen.state.releases[g.releaseId]).toEqual(live);
    expect(b.data.workspace.isOpen(g.releaseId)).toBe(false);
  });

  it('RM-08 with the stored copy on screen, the snapshot is read only once the page is idle (after the first paint)', async () => {
    const { idb, g, live } = await archivedOnOneDevice();

    const idle = manualIdle();
    try {
      const b = await device(idb);
      const stored = await nextRead(b.model, g.releaseId, (r) => r.status === 'ready');
      expect(stored.source).toBe('stored');
      // Many tasks later the page has not been idle yet: the snapshot is not read, the view stays.
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
      expect(idle).toHaveLength(1);
      expect(b.model.release(g.releaseId)).toMatchObject({ source: 'stored' });
      // Idle: the snapshot is read and takes over, with the history.
      for (const callback of idle.splice(0)) callback();
      const frozen = await nextRead(b.model, g.releaseId, from('frozen'));
      expect(frozen.state.releases[g.releaseId]).toEqual(live);
      expect(b.data.workspace.isOpen(g.releaseId)).toBe(false);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('RM-09 the stored copy paints its matrix from packed step states, builds none before the page is idle, then builds them before the snapshot', async () => {
    const { idb, g, live } = await archivedOnOneDevice();

    const idle = manualIdle();
    try {
      const b = await device(idb);
      const stored = await nextRead(b.model, g.releaseId, (r) => r.status === 'ready');
      expect(stored.source).toBe('stored');
      const release = stored.state.releases[g.releaseId];
      // The matrix is drawn from the columns: no step state is built for it.
      expect(packedStepStatesOf(release)?.size).toBe(Object.keys(live?.stepStates ?? {}).length);
      const matrix = stepStatusMatrix(stored.state, g.releaseId);
      expect(packedStepStatesOf(release)).toBeDefined();
      if (!live) throw new Error('no release');
      expect(matrix).toEqual(
        stepStatusMatrix({ ...stored.state, releases: { [g.releaseId]: live } }, g.releaseId),
      );
      // Many tasks later, the page not idle yet (the snapshot waits for it): still none built.
      for (let i = 0; i < 200 && idle.length === 0; i++)
        await new Promise((resolve) => setTimeout(resolve, 0));
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
      expect(idle.length).toBeGreaterThan(0);
      expect(packedStepStatesOf(release)).toBeDefined();
      // Idle: the step states are built (a few buckets per task), then the snapshot takes over.
      for (const callback of idle.splice(0)) callback();
      await nextRead(b.model, g.releaseId, from('frozen'));
      expect(packedStepStatesOf(release)).toBeUndefined();
      expect(release?.stepStates).toEqual(live?.stepStates);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('RM-10 follow reads the stored copy before any view subscribes, and the wait for an idle page begins only once one does', async () => {
    const { idb, g, live } = await archivedOnOneDevice();

    const idle = manualIdle();
    try {
      const b = await device(idb);
      // A new page at the release's address: the app follows it before its first render.
      await b.model.follow(g.releaseId);
      const first = b.model.release(g.releaseId);
      expect(first).toMatchObject({ status: 'ready', source: 'stored' });
      // No view yet (the page's code may still be loading): no wait for an idle page has begun, so
      // nothing after the first paint (the step states, the snapshot) can start before that paint.
      for (let i = 0; i < 50; i++) await new Promise((resolve) => setTimeout(resolve, 0));
      expect(idle).toHaveLength(0);
      expect(b.model.release(g.releaseId)).toBe(first);
      // The page renders: its first read is the stored copy at once, and the wait begins.
      const stored = await nextRead(b.model, g.releaseId, (r) => r.status === 'ready');
      expect(stored).toBe(first);
      for (let i = 0; i < 200 && idle.length === 0; i++)
        await new Promise((resolve) => setTimeout(resolve, 0));
      expect(idle).toHaveLength(1);
      for (const callback of idle.splice(0)) callback();
      const frozen = await nextRead(b.model, g.releaseId, from('frozen'));
      expect(frozen.state.releases[g.releaseId]).toEqual(live);
      expect(b.data.workspace.isOpen(g.releaseId)).toBe(false);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('FZ-03: unarchiving drops the snapshot, opens the document, and editing goes on with nothing lost', async () => {
    const idb = freshIndexedDB();
    const a = await device(idb);
    const g = await generatedRelease(a.data);
    runner(a.data, 'a')(archiveRelease, { releaseId: g.releaseId });
    await a.data.flush();
    await closeAll();

    const b = await device(idb);
    const frozen = await nextRead(b.model, g.releaseId, from('frozen'));
    const thawed = structuredClone(frozen.state.releases[g.releaseId]);
    const run = runner(b.data, 'b');
    // A command waits for the document (as WorkspaceApi.run does).
    await b.data.openRelease(g.releaseId);
    run(unarchiveRelease, { releaseId: g.releaseId });
    const live = await nextRead(b.model, g.releaseId, from('document'));
    expect(live.release.status).toBe('active');
    expect(live.state.releases[g.releaseId]).toEqual(thawed);
    const stepId = templateStepId(g.customers[0] as CustomerId, g.templates[4] as TemplateId);
    expect(resolveReleaseSteps(live.state, g.releaseId).find((s) => s.id === stepId)?.status).toBe('pending');
    run(markDone, { releaseId: g.releaseId, stepId });
    await b.data.flush();
    expect(await b.data.db.frozenReleases.get(g.releaseId)).toBeUndefined();
    expect(stepHistory(b.data.state, g.releaseId, stepId).map((e) => e.event.kind)).toEqual(['done']);
  });

  it('FZ-04: another device archives: the archive arrives through the catalog and this device freezes too', async () => {
    const idbA = freshIndexedDB();
    const idbB = freshIndexedDB();
    const a = await device(idbA);
    const g = await generatedRelease(a.data);
    const b = await device(idbB);
    // B has the whole workspace (as syncing gives it), with the release open as active releases are.
    for (const name of ['catalog', g.releaseId] as const) {
      await b.data.openRelease(g.releaseId);
      const doc = b.data.workspace.doc(name);
      const source = a.data.workspace.doc(name);
      if (!doc || !source) throw new Error(`no ${name}`);
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(source), 'relay');
    }
    await b.data.flush();
    expect(await b.data.db.frozenReleases.count()).toBe(0);

    runner(a.data, 'a')(archiveRelease, { releaseId: g.releaseId });
    const catalogA = a.data.workspace.doc('catalog');
    const catalogB = b.data.workspace.doc('catalog');
    if (!catalogA || !catalogB) throw new Error('no catalog');
    Y.applyUpdate(catalogB, Y.encodeStateAsUpdate(catalogA, Y.encodeStateVector(catalogB)), 'relay');
    await b.data.flush();
    const frozen = await readFrozen(b.data.db, g.releaseId);
    expect(frozen).toEqual(a.data.state.releases[g.releaseId]);
  });

  it('FZ-05: a late event for an archived release is kept: the device applies it and freezes again', async () => {
    const idbA = freshIndexedDB();
    const idbB = freshIndexedDB();
    const a = await device(idbA);
    const g = await generatedRelease(a.data);
    const b = await device(idbB);
    for (const name of ['catalog', g.releaseId] as const) {
      await b.data.openRelease(g.releaseId);
      const doc = b.data.workspace.doc(name);
      const source = a.data.workspace.doc(name);
      if (!doc || !source) throw new Error(`no ${name}`);
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(source), 'relay');
    }
    // B, apart, marks a pending step done; A archives meanwhile and freezes without it.
    const stepId = templateStepId(g.customers[0] as CustomerId, g.templates[4] as TemplateId);
    runner(b.data, 'b')(markDone, { releaseId: g.releaseId, stepId, notes: 'done offline' });
    runner(a.data, 'a')(archiveRelease, { releaseId: g.releaseId });
    await a.data.flush();
    const first = await a.data.db.frozenReleases.get(g.releaseId);
    const lateDoc = b.data.workspace.doc(g.releaseId);
    if (!lateDoc) throw new Error('no late doc');
    const late = Y.encodeStateAsUpdate(lateDoc);
    await closeAll();

    // A reloads: the release reads from the snapshot; then B's late update arrives from the relay.
    const a2 = await device(idbA);
    await nextRead(a2.model, g.releaseId, from('frozen'));
    await a2.data.openRelease(g.releaseId);
    const docA = a2.data.workspace.doc(g.releaseId);
    if (!docA) throw new Error('no doc');
    Y.applyUpdate(docA, late, 'relay');
    // The view moves to the document, which holds the late event: it is shown, not dropped.
    const after = await nextRead(a2.model, g.releaseId, from('document'));
    const step = resolveReleaseSteps(after.state, g.releaseId).find((s) => s.id === stepId);
    expect([step?.status, step?.notes]).toEqual(['done', 'done offline']);
    expect(after.release.status).toBe('archived');
    await a2.data.flush();
    const second = await a2.data.db.frozenReleases.get(g.releaseId);
    expect(second?.hash).not.toBe(first?.hash);
    const refrozen = await readFrozen(a2.data.db, g.releaseId);
    expect(refrozen).toEqual(a2.data.state.releases[g.releaseId]);
    expect(refrozen?.stepStates[stepId]?.status).toBe('done');
    expect(stepHistory(a2.data.state, g.releaseId, stepId).map((e) => e.event.kind)).toEqual(['done']);
  });

  describe('FZ-09 a device with nothing of an archived release reads the relay snapshot', () => {
    /** A archives a generated release; B has only the catalog (as a new device syncs it first). */
    async function archivedElsewhere() {
      const a = await device(freshIndexedDB());
      const g = await generatedRelease(a.data);
      runner(a.data, 'a')(archiveRelease, { releaseId: g.releaseId });
      await a.data.flush();
      const row = await a.data.db.frozenReleases.get(g.releaseId);
      if (!row) throw new Error('A did not freeze');
      const live = structuredClone(a.data.state.releases[g.releaseId]);
      const catalog = Y.encodeStateAsUpdate(a.data.workspace.doc('catalog')!);
      return { a, g, row, live, catalog };
    }

    async function newDevice(
      catalog: Uint8Array,
      answer: (knownHash?: string) => FetchedFrozen | 'unchanged' | null,
      idb: Idb = freshIndexedDB(),
    ) {
      const asked: ReleaseId[] = [];
      const b = await deviceFetching(idb, async (releaseId, knownHash) => {
        asked.push(releaseId);
        return answer(knownHash);
      });
      Y.applyUpdate(b.data.workspace.doc('catalog')!, catalog, 'relay');
      await b.data.flush();
      return { ...b, asked };
    }

    it('FZ-09 reads the fetched snapshot, keeps it as FZ-01 does, and never opens the document', async () => {
      const { a, g, row, live, catalog } = await archivedElsewhere();
      const b = await newDevice(catalog, () => ({ bytes: row.bytes, hash: row.hash }));
      const read = await nextRead(b.model, g.releaseId, from('frozen'));
      expect(b.asked).toEqual([g.releaseId]);
      expect(read.state.releases[g.releaseId]).toEqual(live);
      expect(b.data.workspace.isOpen(g.releaseId)).toBe(false);
      expect(await countUpdates(b.data.db, g.releaseId)).toBe(0);
      const kept = await b.data.db.frozenReleases.get(g.releaseId);
      expect(kept?.hash).toBe(row.hash);
      expect([...(kept?.bytes ?? [])]).toEqual([...row.bytes]);
      // Its projection rows with it (the release list's progress, the first paint): the same as A's.
      const rowsOf = async (data: LocalData) => {
        const rows = await readReleaseRows(data.db, g.releaseId, { events: true });
        return structuredClone(rows);
      };
      expect(await rowsOf(b.data)).toEqual(await rowsOf(a.data));
    });

    it('FZ-09 a projection rebuild keeps the rows of a release known only from the relay snapshot', async () => {
      const { a, g, row, catalog } = await archivedElsewhere();
      const b = await newDevice(catalog, () => ({ bytes: row.bytes, hash: row.hash }));
      await nextRead(b.model, g.releaseId, from('frozen'));
      const rowsOf = async (data: LocalData) =>
        structuredClone(await readReleaseRows(data.db, g.releaseId, { events: true }));
      await b.data.rebuildProjection();
      expect(await rowsOf(b.data)).toEqual(await rowsOf(a.data));
      expect(b.data.workspace.isOpen(g.releaseId)).toBe(false);
    });

    it('FZ-09 damaged bytes, a hash that does not match, or no snapshot: the relay bytes are not kept and the document is read as today', async () => {
      const { g, row, catalog } = await archivedElsewhere();
      const damaged = row.bytes.slice();
      damaged[damaged.length - 10] = (damaged[damaged.length - 10] ?? 0) ^ 0xff;
      for (const answer of [
        () => ({ bytes: damaged, hash: row.hash }),
        () => ({ bytes: row.bytes, hash: '0'.repeat(64) }),
        () => null,
      ]) {
        const b = await newDevice(catalog, answer);
        // The release's document is what it falls back to (its room syncs it in the app).
        b.model.subscribeRelease(g.releaseId, () => {});
        await expect.poll(() => b.data.workspace.isOpen(g.releaseId)).toBe(true);
        expect(b.asked).toEqual([g.releaseId]);
        // What is kept is this device's own freeze of the document it opened (FZ-04; here, with no relay,
        // an empty one), never the relay's bytes.
        await b.data.flush();
        expect((await b.data.db.frozenReleases.get(g.releaseId))?.hash).not.toBe(row.hash);
        expect(await readFrozen(b.data.db, g.releaseId)).toEqual(b.data.state.releases[g.releaseId]);
        await closeAll();
      }
    });

    it('FZ-10 a kept relay snapshot is asked for again with its hash: unchanged it stays, refrozen it is replaced and shown', async () => {
      const { a, g, row, catalog } = await archivedElsewhere();
      const idb = freshIndexedDB();
      const first = await newDevice(catalog, () => ({ bytes: row.bytes, hash: row.hash }), idb);
      await nextRead(first.model, g.releaseId, from('frozen'));
      // Only the model and data of B close: A stays open for the late change below.
      first.model.destroy();
      await first.data.close();
      open.splice(
        open.findIndex((o) => o.data === first.data),
        1,
      );

      // Unchanged on the relay: asked with the kept hash, answered 304, nothing moves.
      const hashes: Array<string | undefined> = [];
      const same = await newDevice(
        catalog,
        (known) => {
          hashes.push(known);
          return 'unchanged';
        },
        idb,
      );
      await nextRead(same.model, g.releaseId, from('frozen'));
      await expect.poll(() => hashes).toEqual([row.hash]);
      same.model.destroy();
      await same.data.close();
      open.splice(
        open.findIndex((o) => o.data === same.data),
        1,
      );

      // The relay refroze it (a late change, FZ-05): here, A unarchives, marks a step done, archives.
      const run = runner(a.data, 'a2');
      await a.data.openRelease(g.releaseId);
      run(unarchiveRelease, { releaseId: g.releaseId });
      const stepId = templateStepId(g.customers[0] as CustomerId, g.templates[4] as TemplateId);
      run(markDone, { releaseId: g.releaseId, stepId, notes: 'late' });
      run(archiveRelease, { releaseId: g.releaseId });
      await a.data.flush();
      const newer = (await a.data.db.frozenReleases.get(g.releaseId))!;
      expect(newer.hash).not.toBe(row.hash);
      const catalogNow = Y.encodeStateAsUpdate(a.data.workspace.doc('catalog')!);
      const b = await newDevice(
        catalogNow,
        (known) => (known === newer.hash ? 'unchanged' : { bytes: newer.bytes, hash: newer.hash }),
        idb,
      );
      const read = await nextRead(
        b.model,
        g.releaseId,
        (r) =>
          from('frozen')(r) &&
          r.status === 'ready' &&
          r.state.releases[g.releaseId]?.stepStates[stepId]?.status === 'done',
      );
      expect(read.state.releases[g.releaseId]).toEqual(a.data.state.releases[g.releaseId]);
      expect((await b.data.db.frozenReleases.get(g.releaseId))?.hash).toBe(newer.hash);
      expect(b.data.workspace.isOpen(g.releaseId)).toBe(false);
    });
  });
});
