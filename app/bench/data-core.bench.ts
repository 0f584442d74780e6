/**
 * Data core benchmark, run in a real browser (IndexedDB, Dexie, Yjs) by run-data-core-bench.mjs, one
 * phase per page load so that every "cold load" starts from a fresh page. A script, not a test: it
 * measures and reports, it asserts nothing.
 *
 * - write: 50 clusters and 1,000 customers through the domain commands, a release of 50 templates
 *   (40 deploy, 10 verify); activation timed from the command to the projection committed in
 *   IndexedDB; document sizes; 50 mark-done commands, each timed from the command to its committed row.
 * - load: cold load of the catalog and the release until documents and projection are ready, then
 *   the first matrix query (the matrix computed in slices, as the matrix view computes a large
 *   release: RM-06) and one customer's steps.
 * - grow: a release well under way: every deploy step of 75 customers marked done (3,000 more step
 *   states and events), then 50 timed mark-done commands and the document size again.
 * - full: every remaining step of every customer marked done (bulk, per customer and category,
 *   flushed every 50 customers), so all 50,000 steps are done: the document size a finished release
 *   of this shape reaches, and the bytes each done step costs.
 * - freeze (after full): the release archived, timed from the command until the archive and its frozen
 *   snapshot are committed (FZ-01); the snapshot's size beside the document's.
 * - frozen (after freeze, a fresh page): the archived release read as the app reads it (the read model:
 *   its packed projection first, RM-07, then its snapshot, FZ-02) until its first matrix query, then
 *   until the snapshot and its history are read, with the page's long tasks; its document is never
 *   opened.
 */

import { type Command, releaseFromRows } from '@runsheet/doc';
import {
  activateRelease,
  addTemplate,
  archiveRelease,
  bulkMarkDone,
  type CommandResult,
  type CustomerId,
  createCluster,
  createCustomer,
  createRelease,
  type Id,
  type IdType,
  markDone,
  type ReleaseId,
  randomPart,
  reopenStep,
  revertStep,
  stepStatusMatrixInSlices,
  type TemplateId,
  templateStepId,
  testContext,
} from '@runsheet/domain';
import { Dexie } from 'dexie';
import * as Y from 'yjs';
import { percentile, round } from '../../scripts/bench-figures.mjs';
import { loadDoc, readUpdates } from '../src/data/doc-storage.ts';
import { LocalData, STORAGE_ORIGIN } from '../src/data/local-data.ts';
import { laterTask, nextTask } from '../src/data/next-task.ts';
import { projectionStore } from '../src/data/projection-store.ts';
import { ReadModel } from '../src/data/read-model/read-model.ts';
import { sliceHere } from '../src/data/release-slicer.ts';
import {
  readEventRows,
  readReleaseRows,
  readStoredCustomer,
  releaseFromRowsPacked,
} from '../src/data/stored-release.ts';

const DB_NAME = 'runsheet-bench';
const CLUSTERS = 50;
const CUSTOMERS = 1000;
const DEPLOY_TEMPLATES = 40;
const VERIFY_TEMPLATES = 10;
const MARK_DONE_RUNS = 50;
const BULK_CUSTOMERS = 75;

type Report = Record<string, unknown>;
declare global {
  interface Window {
    benchResult?: Report | { error: string };
  }
}

function open(): Promise<LocalData> {
  return LocalData.open({ dbName: DB_NAME, channel: null, lifecycle: null });
}

/** A deterministic clock, but ids as long as the app's (16 random characters), so sizes are real. */
function benchContext() {
  const ctx = testContext({ device: 'bench' });
  ctx.newId = <T extends IdType>(type: T) =>
    `${type}:${randomPart(crypto.getRandomValues(new Uint8Array(16)))}` as Id<T>;
  return ctx;
}

function runner(data: LocalData) {
  const ctx = benchContext();
  return <I, T>(command: Command<I, T>, input: I): T => {
    const result: CommandResult<T> = data.run(command, input, ctx);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  };
}

function nextWrite(data: LocalData): Promise<void> {
  return new Promise((resolve) => {
    const off = data.onWrite(() => {
      off();
      resolve();
    });
  });
}

/** The release's participants and templates in a stable order. */
function releaseShape(data: LocalData, releaseId: ReleaseId) {
  const doc = data.state.releases[releaseId];
  if (!doc) throw new Error('release not open');
  const customers = (Object.keys(doc.participants) as CustomerId[]).sort();
  const templates = Object.values(doc.templates).sort((a, b) => (a.order < b.order ? -1 : 1));
  return {
    customers,
    deploy: templates.filter((t) => t.category === 'deploy').map((t) => t.id),
    verify: templates.filter((t) => t.category === 'verify').map((t) => t.id),
  };
}

/** Marks MARK_DONE_RUNS verify steps done one by one, each timed from the command to its commit. */
async function timeMarkDone(data: LocalData, releaseId: ReleaseId, offset: number) {
  const run = runner(data);
  const { customers, verify } = releaseShape(data, releaseId);
  const marks: number[] = [];
  for (let i = 0; i < MARK_DONE_RUNS; i++) {
    const stepId = templateStepId(
      customers[(offset + i * 17) % customers.length] as CustomerId,
      verify[i % verify.length] as TemplateId,
    );
    const written = nextWrite(data);
    const start = performance.now();
    run(markDone, { releaseId, stepId });
    await written;
    marks.push(performance.now() - start);
    const stored = await readStoredCustomer(
      data.db,
      releaseId,
      customers[(offset + i * 17) % customers.length] as CustomerId,
    );
    if (stored.stepStates[stepId]?.status !== 'done') throw new Error(`row of ${stepId} not updated`);
  }
  marks.sort((a, b) => a - b);
  return {
    runs: marks.length,
    p50: percentile(marks, 50),
    p95: percentile(marks, 95),
    max: round(marks.at(-1) ?? 0),
  };
}

function sizes(data: LocalData, releaseId: ReleaseId) {
  const doc = data.workspace.doc(releaseId) as Y.Doc;
  const state = data.state.releases[releaseId];
  return {
    releaseDocBytes: Y.encodeStateAsUpdate(doc).length,
    catalogDocBytes: Y.encodeStateAsUpdate(data.workspace.catalog).length,
    stepStates: Object.keys(state?.stepStates ?? {}).length,
    events: state?.events.length ?? 0,
  };
}

async function writePhase(): Promise<Report> {
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(DB_NAME);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
  const data = await open();
  const run = runner(data);

  let t = performance.now();
  const clusterIds = Array.from(
    { length: CLUSTERS },
    (_, i) => run(createCluster, { name: `cluster-${i}` }).clusterId,
  );
  for (let i = 0; i < CUSTOMERS; i++) {
    const clusterId = clusterIds[i % CLUSTERS] as (typeof clusterIds)[number];
    run(createCustomer, { clusterId, name: `Customer ${i}`, namespace: `tenant-${i}` });
  }
  await data.flush();
  const catalogSeedMs = performance.now() - t;

  t = performance.now();
  const releaseId = run(createRelease, {
    name: 'Big release',
    type: 'release',
    versionNumber: '9.0.0',
  }).releaseId;
  for (let i = 0; i < DEPLOY_TEMPLATES + VERIFY_TEMPLATES; i++) {
    const category = i < DEPLOY_TEMPLATES ? 'deploy' : 'verify';
    const content = `kubectl -n {{customer.namespace}} --context {{cluster.name}} apply -f step-${i}.yaml\n# ${'x'.repeat(200)}`;
    run(addTemplate, { releaseId, name: `Step ${i}`, category, type: 'bash', content });
  }
  await data.flush();
  const templatesMs = performance.now() - t;

  t = performance.now();
  run(activateRelease, { releaseId });
  await data.flush();
  const activationMs = performance.now() - t;

  const markDoneMs = await timeMarkDone(data, releaseId, 0);
  const report: Report = {
    releaseId,
    catalogSeedMs: round(catalogSeedMs),
    templatesMs: round(templatesMs),
    activationMs: round(activationMs),
    stepPackRows: await data.db.stepPacks.count(),
    markDoneMs,
    ...sizes(data, releaseId),
  };
  await data.close();
  return report;
}

/**
 * The floor a packed projection is compared with: the release's step states as compact JSON, read from
 * IndexedDB in one get and parsed with JSON.parse. Written (untimed) from the stored release each time,
 * then read back after the database is closed and opened again.
 */
async function floorRead(data: LocalData, releaseId: ReleaseId): Promise<number> {
  const db = new Dexie('runsheet-bench-floor');
  db.version(1).stores({ floor: '' });
  const stored = releaseFromRows(releaseId, await readReleaseRows(data.db, releaseId, { events: false }));
  await db.table<string, string>('floor').put(JSON.stringify(stored.stepStates), releaseId);
  db.close();
  await db.open();
  const t = performance.now();
  const text = await db.table<string, string>('floor').get(releaseId);
  JSON.parse(text ?? '{}');
  const ms = performance.now() - t;
  db.close();
  return ms;
}

/**
 * A cold start that opens the release: the catalog, then what the release page does first (the
 * release's stored copy read back from the packed projection, its matrix computed with the catalog in
 * memory: the read model's path), then the release document itself, and the projection store's
 * answers for comparison.
 */
async function loadPhase(releaseId: ReleaseId): Promise<Report> {
  const marks: Record<string, number> = {};
  const mark = (name: string) => {
    marks[name] = round(performance.now());
  };
  mark('start');
  let t = performance.now();
  const data = await open();
  const catalogLoadMs = performance.now() - t;
  mark('catalogLoaded');

  // The read model's first read: the steps, not the history (read next, decoded when shown).
  t = performance.now();
  const rows = await readReleaseRows(data.db, releaseId, { events: false });
  const storedReadMs = performance.now() - t;
  mark('rowsRead');
  // Parsed as the read model does: a few rows per task, the step states left packed (RM-04, RM-09).
  t = performance.now();
  const { release: stored } = await releaseFromRowsPacked(releaseId, rows, nextTask);
  const storedUnpackMs = performance.now() - t;
  mark('unpacked');
  // In slices, as the matrix view computes a large release (RM-06, LiveMatrixKeeper).
  t = performance.now();
  const matrix = await stepStatusMatrixInSlices(
    { catalog: data.state.catalog, releases: { [releaseId]: stored } },
    releaseId,
    {},
    nextTask,
  );
  const matrixMs = performance.now() - t;
  const firstMatrixQueryMs = storedReadMs + storedUnpackMs + matrixMs;
  mark('firstMatrix');
  const beforeFloor = await longTasks.take();
  const floorMs = await floorRead(data, releaseId);
  await longTasks.take(); // the floor's own JSON.parse is not the app's
  mark('floorDone');

  // Opening the document as the app does (in slices, LocalData.loadRelease), with every long task of
  // the page's main thread while it runs: from the start of this phase (catalog and first matrix
  // included) until the document is open.
  t = performance.now();
  await data.openRelease(releaseId);
  const documentLoadMs = performance.now() - t;
  mark('documentOpen');
  const afterFloor = await longTasks.take();
  const openTasks = {
    longest: Math.max(beforeFloor.longest, afterFloor.longest),
    count: beforeFloor.count + afterFloor.count,
  };
  const store = projectionStore(data.db);
  t = performance.now();
  await store.releaseMatrix(releaseId);
  const projectionStoreMatrixMs = performance.now() - t;
  t = performance.now();
  const steps = await store.customerSteps(releaseId, matrix.columns[0]?.customerId ?? 'customer:none');
  const customerStepsQueryMs = performance.now() - t;
  const report = {
    catalogLoadMs: round(catalogLoadMs),
    firstMatrixQueryMs: round(firstMatrixQueryMs),
    firstMatrix: {
      storedReadMs: round(storedReadMs),
      storedUnpackMs: round(storedUnpackMs),
      matrixMs: round(matrixMs),
    },
    floorMs: round(floorMs),
    firstMatrixVsFloor: Math.round((firstMatrixQueryMs / floorMs) * 10) / 10,
    coldLoadMs: round(catalogLoadMs + documentLoadMs),
    documentLoadMs: round(documentLoadMs),
    projectionStoreMatrixMs: round(projectionStoreMatrixMs),
    matrixCells: matrix.rows.length * matrix.columns.length,
    customerStepsQueryMs: round(customerStepsQueryMs),
    customerSteps: steps.length,
    storedRows: { steps: rows.steps.length, events: (await readEventRows(data.db, releaseId)).length },
    storedUpdateRows: await data.db.docUpdates.count(),
    longestTaskWhileOpeningMs: openTasks.longest,
    longTasksWhileOpening: openTasks.count,
    marks,
    longTasks: [...longTasks.all],
    oneTaskOpen: await oneTaskOpen(releaseId),
    sliceApply: await timeSlices(data, releaseId),
  };
  await data.close();
  return report;
}

/**
 * The same document opened as before slicing (and as commit 5afc536 did): the stored rows applied and
 * the whole log read in one task. Measured after the sliced open in the same page, so its code is
 * warmer: if anything, in its favour.
 */
async function oneTaskOpen(releaseId: ReleaseId): Promise<Report> {
  const data = await open();
  await longTasks.take();
  const t = performance.now();
  const doc = new Y.Doc();
  await loadDoc(data.db, releaseId, doc, STORAGE_ORIGIN);
  data.workspace.openRelease(releaseId, doc);
  const documentLoadMs = performance.now() - t;
  const tasks = await longTasks.take();
  await data.close();
  return { documentLoadMs: round(documentLoadMs), longestTaskMs: tasks.longest, longTasks: tasks.count };
}

/** What each slice of the stored document costs to apply (the tasks LocalData.loadRelease runs). */
async function timeSlices(data: LocalData, releaseId: ReleaseId): Promise<Report> {
  const rows = await readUpdates(data.db, releaseId);
  const slices = sliceHere(
    rows.map((r) => r.update),
    2500,
  );
  const doc = new Y.Doc();
  const ms = slices.map((slice) => {
    const t = performance.now();
    Y.applyUpdate(doc, slice);
    return round(performance.now() - t);
  });
  doc.destroy();
  return { count: slices.length, bytes: slices.map((s) => s.length), ms };
}

/** The page's long tasks (over 50 ms) since the last take, from a `longtask` PerformanceObserver. */
const longTasks = (() => {
  let durations: number[] = [];
  /** Every long task of the page: [start, duration] in ms, to lay beside the phase marks. */
  const all: Array<[number, number]> = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      durations.push(entry.duration);
      all.push([round(entry.startTime), round(entry.duration)]);
    }
  }).observe({ type: 'longtask', buffered: true });
  return {
    all,
    /** Waits a moment first: an entry is reported after its task ends. */
    async take(): Promise<{ longest: number; count: number }> {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const out = { longest: round(Math.max(0, ...durations)), count: durations.length };
      durations = [];
      return out;
    },
  };
})();

async function growPhase(releaseId: ReleaseId): Promise<Report> {
  const data = await open();
  await data.openRelease(releaseId);
  const run = runner(data);
  const { customers } = releaseShape(data, releaseId);
  const t = performance.now();
  for (const customerId of customers.slice(0, BULK_CUSTOMERS)) {
    run(bulkMarkDone, { releaseId, customerId, category: 'deploy' });
  }
  await data.flush();
  const bulkDoneMs = performance.now() - t;
  const markDoneMs = await timeMarkDone(data, releaseId, 500);
  const report = {
    bulkDoneSteps: BULK_CUSTOMERS * DEPLOY_TEMPLATES,
    bulkDoneMs: round(bulkDoneMs),
    markDoneMs,
    stepPackRows: await data.db.stepPacks.count(),
    ...sizes(data, releaseId),
  };
  await data.close();
  return report;
}

async function fullPhase(releaseId: ReleaseId): Promise<Report> {
  const data = await open();
  await data.openRelease(releaseId);
  const run = runner(data);
  const { customers } = releaseShape(data, releaseId);
  const doc = data.workspace.doc(releaseId) as Y.Doc;
  const before = Y.encodeStateAsUpdate(doc).length;
  const doneBefore = countDone(data, releaseId);
  const t = performance.now();
  for (let i = 0; i < customers.length; i++) {
    const customerId = customers[i] as CustomerId;
    run(bulkMarkDone, { releaseId, customerId, category: 'deploy' });
    run(bulkMarkDone, { releaseId, customerId, category: 'verify' });
    if (i % 50 === 49) await data.flush();
  }
  await data.flush();
  const allDoneMs = performance.now() - t;
  const doneAfter = countDone(data, releaseId);
  const after = sizes(data, releaseId);
  const report = {
    doneBefore,
    doneAfter,
    allDoneMs: round(allDoneMs),
    stepPackRows: await data.db.stepPacks.count(),
    eventRows: await data.db.eventPacks.count(),
    revisionRows: await data.db.revisions.count(),
    bytesPerDoneStep: Math.round((after.releaseDocBytes - before) / (doneAfter - doneBefore)),
    ...after,
  };
  await data.close();
  return report;
}

/**
 * Mark done on a release that is almost all done: the 50 steps timeMarkDone will mark are reverted and reopened
 * first (so 49,950 of 50,000 are done at the first mark, 49,999 at the last), then marked done one by
 * one, each timed to its commit. Leaves the release all done again.
 */
async function almostDonePhase(releaseId: ReleaseId): Promise<Report> {
  const data = await open();
  await data.openRelease(releaseId);
  const run = runner(data);
  const { customers, verify } = releaseShape(data, releaseId);
  const offset = 900;
  for (let i = 0; i < MARK_DONE_RUNS; i++) {
    const stepId = templateStepId(
      customers[(offset + i * 17) % customers.length] as CustomerId,
      verify[i % verify.length] as TemplateId,
    );
    // A done step is locked (BR-R03): reverted first, then reopened to pending.
    run(revertStep, { releaseId, stepId, reason: 'bench' });
    run(reopenStep, { releaseId, stepId, reason: 'bench' });
  }
  await data.flush();
  const doneBefore = countDone(data, releaseId);
  const markDoneMs = await timeMarkDone(data, releaseId, offset);
  const report = { doneBefore, doneAfter: countDone(data, releaseId), markDoneMs };
  await data.close();
  return report;
}

/** Archives the (all done) release: the archive and its snapshot committed, and the snapshot's size. */
async function freezePhase(releaseId: ReleaseId): Promise<Report> {
  const data = await open();
  await data.openRelease(releaseId);
  const run = runner(data);
  const done = countDone(data, releaseId);
  const t = performance.now();
  run(archiveRelease, { releaseId });
  await data.flush();
  const archiveStoredMs = performance.now() - t;
  const row = await data.db.frozenReleases.get(releaseId);
  if (!row) throw new Error('no snapshot was stored');
  const report = {
    done,
    archiveStoredMs: round(archiveStoredMs),
    frozenBytes: row.bytes.length,
    frozenMB: Math.round((row.bytes.length / 2 ** 20) * 100) / 100,
    releaseDocBytes: sizes(data, releaseId).releaseDocBytes,
    hash: row.hash,
  };
  await data.close();
  return report;
}

/**
 * A cold open of the archived release as its page does it: the catalog, then the read model until the
 * release is ready from its snapshot, then the matrix query the page paints from. Times from the start
 * of the phase (the bundle already loaded) and from the page's navigation start.
 */
async function frozenPhase(releaseId: ReleaseId): Promise<Report> {
  await longTasks.take();
  const start = performance.now();
  const data = await open();
  const catalogLoadMs = performance.now() - start;
  const model = new ReadModel(data);
  const view = await new Promise<ReturnType<ReadModel['release']>>((resolve) => {
    const check = () => {
      // Whatever the page paints first: the packed projection (RM-07), else the snapshot.
      const read = model.release(releaseId);
      if (read.status === 'ready') resolve(read);
    };
    model.subscribeRelease(releaseId, check);
    check();
  });
  const readyMs = performance.now() - start;
  if (view.status !== 'ready') throw new Error('not ready');
  const t = performance.now();
  const matrix = await stepStatusMatrixInSlices(view.state, releaseId, {}, nextTask);
  const matrixMs = performance.now() - t;
  const firstMatrixMs = performance.now() - start;
  const firstMatrixSinceNavigationMs = performance.now();
  // What the page does next: React renders the matrix in an ordinary task (its scheduler posts a
  // MessageChannel message), then a frame paints it. Meanwhile the snapshot is being read (RM-08).
  await laterTask();
  await new Promise((resolve) => requestAnimationFrame(resolve));
  const firstMatrixPaintedMs = performance.now() - start;
  // The history follows a part per task (the step panel's history waits for it).
  await new Promise<void>((resolve) => {
    const check = () => {
      const read = model.release(releaseId);
      if (read.status === 'ready' && read.source === 'frozen' && read.history === 'ready') resolve();
    };
    model.subscribeRelease(releaseId, check);
    check();
  });
  const historyReadyMs = performance.now() - start;
  const tasks = await longTasks.take();
  const report = {
    catalogLoadMs: round(catalogLoadMs),
    firstSource: view.source,
    releaseReadyMs: round(readyMs - catalogLoadMs),
    matrixMs: round(matrixMs),
    firstMatrixMs: round(firstMatrixMs),
    firstMatrixSinceNavigationMs: round(firstMatrixSinceNavigationMs),
    firstMatrixPaintedMs: round(firstMatrixPaintedMs),
    historyReadyMs: round(historyReadyMs),
    matrixCells: matrix.rows.length * matrix.columns.length,
    done: countDone({ state: view.state } as LocalData, releaseId),
    documentOpened: data.workspace.isOpen(releaseId),
    longestTaskMs: tasks.longest,
    longTasks: tasks.count,
  };
  model.destroy();
  await data.close();
  return report;
}

function countDone(data: LocalData, releaseId: ReleaseId): number {
  const states = Object.values(data.state.releases[releaseId]?.stepStates ?? {});
  return states.filter((s) => s.status === 'done').length;
}

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const releaseId = params.get('release') as ReleaseId;
  try {
    const phase = params.get('phase');
    if (phase === 'rebuild') {
      const data = await open();
      const t = performance.now();
      await data.rebuildProjection();
      window.benchResult = { rebuildProjectionMs: round(performance.now() - t) };
      await data.close();
      return;
    }
    window.benchResult =
      phase === 'load'
        ? await loadPhase(releaseId)
        : phase === 'grow'
          ? await growPhase(releaseId)
          : phase === 'full'
            ? await fullPhase(releaseId)
            : phase === 'almost'
              ? await almostDonePhase(releaseId)
              : phase === 'freeze'
                ? await freezePhase(releaseId)
                : phase === 'frozen'
                  ? await frozenPhase(releaseId)
                  : await writePhase();
  } catch (error) {
    window.benchResult = {
      error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error),
    };
  }
}

void main();
