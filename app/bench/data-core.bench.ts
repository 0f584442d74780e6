/**
 * Data core benchmark, run in a real browser (IndexedDB, Dexie, Yjs) by run-data-core-bench.mjs.
 * A script, not a test: it measures and reports, it asserts nothing.
 *
 * Phase "write" (first page load): 50 clusters and 1,000 customers through the domain commands, a
 * release of 50 templates (40 deploy, 10 verify); then activation timed from the command to the
 * projection in IndexedDB, the encoded document sizes, and 50 mark-done commands each timed from the
 * command to the committed Dexie row. Phase "load" (a fresh page): cold load of the catalog and that
 * release from IndexedDB until documents and projection are ready, then the first matrix query.
 */
import {
  activateRelease,
  addTemplate,
  type CommandResult,
  createCluster,
  createCustomer,
  createRelease,
  markDone,
  type ReleaseId,
  templateStepId,
  testContext,
} from '@runsheet/domain';
import * as Y from 'yjs';
import { dexieStore } from '../src/data/dexie-store.ts';
import { LocalData } from '../src/data/local-data.ts';

const DB_NAME = 'runsheet-bench';
const CLUSTERS = 50;
const CUSTOMERS = 1000;
const DEPLOY_TEMPLATES = 40;
const VERIFY_TEMPLATES = 10;
const MARK_DONE_RUNS = 50;

type Report = Record<string, unknown>;
declare global {
  interface Window {
    benchResult?: Report | { error: string };
  }
}

function must<T>(result: CommandResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return round(sorted[Math.max(0, i)] ?? Number.NaN);
}

const round = (ms: number) => Math.round(ms * 10) / 10;

function nextWrite(data: LocalData): Promise<void> {
  return new Promise((resolve) => {
    const off = data.onWrite(() => {
      off();
      resolve();
    });
  });
}

async function writePhase(): Promise<Report> {
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(DB_NAME);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
  const data = await LocalData.open({ dbName: DB_NAME, channel: null, lifecycle: null });
  const ctx = testContext({ device: 'bench' });
  const run = <I, T>(command: Parameters<typeof data.run<I, T>>[0], input: I) =>
    must(data.run(command, input, ctx));

  let t = performance.now();
  const clusterIds = Array.from(
    { length: CLUSTERS },
    (_, i) => run(createCluster, { name: `cluster-${i}` }).clusterId,
  );
  const customerIds = Array.from(
    { length: CUSTOMERS },
    (_, i) =>
      run(createCustomer, {
        clusterId: clusterIds[i % CLUSTERS] as (typeof clusterIds)[number],
        name: `Customer ${i}`,
        namespace: `tenant-${i}`,
      }).customerId,
  );
  await data.flush();
  const catalogSeedMs = performance.now() - t;

  t = performance.now();
  const releaseId: ReleaseId = run(createRelease, {
    name: 'Big release',
    type: 'release',
    versionNumber: '9.0.0',
  }).releaseId;
  const templateIds = [];
  for (let i = 0; i < DEPLOY_TEMPLATES + VERIFY_TEMPLATES; i++) {
    const category = i < DEPLOY_TEMPLATES ? 'deploy' : 'verify';
    const content = `kubectl -n {{customer.namespace}} --context {{cluster.name}} apply -f step-${i}.yaml\n# ${'x'.repeat(200)}`;
    templateIds.push(
      run(addTemplate, { releaseId, name: `Step ${i}`, category, type: 'bash', content }).templateId,
    );
  }
  await data.flush();
  const templatesMs = performance.now() - t;

  t = performance.now();
  run(activateRelease, { releaseId });
  await data.flush();
  const activationMs = performance.now() - t;
  const participantRows = await data.db.participants.count();

  const marks: number[] = [];
  for (let i = 0; i < MARK_DONE_RUNS; i++) {
    const stepId = templateStepId(
      customerIds[(i * 17) % CUSTOMERS] as (typeof customerIds)[number],
      templateIds[i % DEPLOY_TEMPLATES] as (typeof templateIds)[number],
    );
    const written = nextWrite(data);
    const start = performance.now();
    run(markDone, { releaseId, stepId });
    await written;
    marks.push(performance.now() - start);
    const row = await data.db.stepRecords.get(stepId);
    if (row?.status !== 'done') throw new Error(`row of ${stepId} not updated`);
  }
  marks.sort((a, b) => a - b);

  const releaseDoc = data.workspace.doc(releaseId) as Y.Doc;
  const report: Report = {
    catalogSeedMs: round(catalogSeedMs),
    templatesMs: round(templatesMs),
    activationMs: round(activationMs),
    participantRows,
    stepRecordRows: await data.db.stepRecords.count(),
    releaseDocBytes: Y.encodeStateAsUpdate(releaseDoc).length,
    catalogDocBytes: Y.encodeStateAsUpdate(data.workspace.catalog).length,
    markDoneMs: {
      runs: marks.length,
      p50: percentile(marks, 50),
      p95: percentile(marks, 95),
      max: round(marks.at(-1) ?? 0),
    },
    releaseId,
  };
  await data.close();
  return report;
}

async function loadPhase(releaseId: ReleaseId): Promise<Report> {
  let t = performance.now();
  const data = await LocalData.open({ dbName: DB_NAME, channel: null, lifecycle: null });
  const catalogMs = performance.now() - t;
  await data.openRelease(releaseId);
  const coldLoadMs = performance.now() - t;
  t = performance.now();
  const matrix = await dexieStore(data.db).releaseMatrix(releaseId);
  const firstMatrixMs = performance.now() - t;
  t = performance.now();
  const steps = await dexieStore(data.db).customerSteps(
    releaseId,
    matrix.columns[0]?.customerId ?? 'customer:none',
  );
  const customerStepsMs = performance.now() - t;
  const report = {
    coldLoadMs: round(coldLoadMs),
    catalogLoadMs: round(catalogMs),
    firstMatrixQueryMs: round(firstMatrixMs),
    matrixCells: matrix.rows.length * matrix.columns.length,
    customerStepsQueryMs: round(customerStepsMs),
    customerSteps: steps.length,
    loadedParticipants: Object.keys(data.state.releases[releaseId]?.participants ?? {}).length,
  };
  await data.close();
  return report;
}

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const phase = params.get('phase');
  try {
    window.benchResult =
      phase === 'load' ? await loadPhase(params.get('release') as ReleaseId) : await writePhase();
  } catch (error) {
    window.benchResult = {
      error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error),
    };
  }
}

void main();
