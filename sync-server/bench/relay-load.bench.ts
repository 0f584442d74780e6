/**
 * Relay benchmark (a script, not a test: it measures and reports, it asserts nothing). Build the server
 * first, then `pnpm --filter @runsheet/sync-server bench:relay` (bench/run.mjs bundles and runs this file);
 * results go to docs/BENCHMARKS.md, "Relay".
 *
 * Two relays, each in a process of its own, under the same load from this process (the generator):
 * - runsheet: `node dist/main.js` (open mode, SQLite in a temp DATA_DIR), as users run it;
 * - reference: @y/websocket-server 0.1.1's utilities (bench/reference-relay.mjs), in memory only.
 *
 * Load: BENCH_CLIENTS stock y-websocket clients (disableBc: every byte goes through the relay) on one
 * release document, spread over BENCH_WORKERS generator threads; each makes one real domain change a
 * second (markDone on a step of its own customers, applied with the doc layer) for BENCH_SECONDS.
 * Latency: from just before a client applies its change to when each other client's document observes
 * the event (one process, one clock shared by its threads).
 * Relay CPU and memory come from the relay process itself (process.cpuUsage and RSS, through
 * bench/probe.mjs over IPC).
 *
 * Cold sync: the 50,000-step release (50 clusters, 1,000 customers, 50 templates, activated, ~5% of steps
 * done, all through the domain commands) uploaded once, then fresh clients time connect -> complete copy.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { isMainThread, type MessagePort, parentPort, Worker } from 'node:worker_threads';
import { applyChange as applyToDocs, type Command, Workspace } from '@runsheet/doc';
import {
  activateRelease,
  addTemplate,
  bulkMarkDone,
  type Change,
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
  type TemplateId,
  templateStepId,
  testContext,
} from '@runsheet/domain';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  connect,
  covers,
  now,
  PACKAGE,
  percentile,
  type RelayStats,
  round,
  SERVER_MAIN,
  type ServerProcess,
  startServerProcess,
  synced,
} from './harness.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const COLD_SYNC_RUNS = 3;
/** Generator threads: receiving 10,000 updates a second takes more than one core. */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const APPLY = process.env.BENCH_APPLY === '1';
const REFERENCE_MAIN = join(PACKAGE, 'bench', 'reference-relay.mjs');

// ---------------------------------------------------------------------------------------------------
// Relays as child processes

type RelayName = 'runsheet' | 'reference';

interface RelayProcess extends ServerProcess {
  name: RelayName;
}

/** Its figures; a relay that exited in the middle of a benchmark ends it. */
async function statsOf(relay: RelayProcess): Promise<RelayStats> {
  const stats = await relay.stats();
  if (!stats) throw new Error(`${relay.name} relay exited:\n${relay.output()}`);
  return stats;
}

async function startRelay(name: RelayName, dataDir?: string): Promise<RelayProcess> {
  const env: Record<string, string> =
    name === 'runsheet' ? { RUNSHEET_OPEN: '1', DATA_DIR: dataDir ?? '' } : {};
  const server = await startServerProcess(env, name === 'runsheet' ? SERVER_MAIN : REFERENCE_MAIN);
  return Object.assign(server, { name });
}

// ---------------------------------------------------------------------------------------------------
// Stock clients

// ---------------------------------------------------------------------------------------------------
// Documents built with the domain commands

function benchContext() {
  const ctx = testContext({ device: 'bench' });
  ctx.newId = <T extends IdType>(type: T) =>
    `${type}:${randomPart(crypto.getRandomValues(new Uint8Array(16)))}` as Id<T>;
  return ctx;
}

function runner(workspace: Workspace) {
  const ctx = benchContext();
  return <I, T>(command: Command<I, T>, input: I): T => {
    const result: CommandResult<T> = workspace.run(command, input, ctx);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  };
}

const CONTENT = (i: number) =>
  `kubectl -n {{customer.namespace}} --context {{cluster.name}} apply -f step-${i}.yaml\n# ${'x'.repeat(200)}`;

interface BuiltRelease {
  workspace: Workspace;
  releaseId: ReleaseId;
  customers: CustomerId[];
  templates: TemplateId[];
}

function buildRelease(clusters: number, customers: number, templates: number): BuiltRelease {
  const workspace = new Workspace();
  const run = runner(workspace);
  const clusterIds = Array.from(
    { length: clusters },
    (_, i) => run(createCluster, { name: `cluster-${i}` }).clusterId,
  );
  const customerIds: CustomerId[] = [];
  for (let i = 0; i < customers; i++) {
    const clusterId = clusterIds[i % clusters] as (typeof clusterIds)[number];
    customerIds.push(
      run(createCustomer, { clusterId, name: `Customer ${i}`, namespace: `tenant-${i}` }).customerId,
    );
  }
  const releaseId = run(createRelease, {
    name: 'Bench release',
    type: 'release',
    versionNumber: '9.0.0',
  }).releaseId;
  const templateIds: TemplateId[] = [];
  for (let i = 0; i < templates; i++) {
    const category = i < templates * 0.8 ? 'deploy' : 'verify';
    templateIds.push(
      run(addTemplate, { releaseId, name: `Step ${i}`, category, type: 'bash', content: CONTENT(i) })
        .templateId,
    );
  }
  run(activateRelease, { releaseId });
  return { workspace, releaseId, customers: customerIds, templates: templateIds };
}

/**
 * Per client, SECONDS markDone changes on steps of its own customers. They are computed by running the
 * commands on a copy of the release (a Workspace of its own, so each is valid in sequence) and kept as
 * changes; during the load each client applies its own with the doc layer (applyChange) to its Y.Doc.
 */
function plannedChanges(built: BuiltRelease): Change[][] {
  const catalog = new Y.Doc();
  Y.applyUpdate(catalog, Y.encodeStateAsUpdate(built.workspace.catalog));
  const release = new Y.Doc();
  Y.applyUpdate(release, Y.encodeStateAsUpdate(built.workspace.doc(built.releaseId) as Y.Doc));
  const copy = new Workspace({ catalog });
  copy.openRelease(built.releaseId, release);
  const ctx = benchContext();
  const perClient = Math.ceil(SECONDS / built.templates.length);
  const plans: Change[][] = [];
  for (let c = 0; c < CLIENTS; c++) {
    const plan: Change[] = [];
    for (let s = 0; s < SECONDS; s++) {
      const customer = built.customers[c * perClient + Math.floor(s / built.templates.length)] as CustomerId;
      const template = built.templates[s % built.templates.length] as TemplateId;
      const result = copy.run(
        markDone,
        { releaseId: built.releaseId, stepId: templateStepId(customer, template) },
        ctx,
      );
      if (!result.ok) throw new Error(result.error.code);
      plan.push(result.change);
    }
    plans.push(plan);
  }
  copy.destroy();
  return plans;
}

// ---------------------------------------------------------------------------------------------------
// Measurements

const cpuMs = (a: RelayStats['cpu'], b: RelayStats['cpu']) => (b.user - a.user + b.system - a.system) / 1000;

/**
 * Which change an update carries, cheaply: the (client, clock) of its first struct. A sender notes it
 * before applying its change; the relay's copy of the update starts at the same place.
 */
function updateKey(update: Uint8Array): string | null {
  const decoder = decoding.createDecoder(update);
  if (decoding.readVarUint(decoder) === 0) return null;
  decoding.readVarUint(decoder); // structs of the first client
  const client = decoding.readVarUint(decoder);
  return `${client}:${decoding.readVarUint(decoder)}`;
}

type ToWorker =
  | { type: 'connect'; url: string; room: string; seed: Uint8Array; plans: Change[][]; first: number }
  | { type: 'start'; at: number }
  | { type: 'stop' };
type FromWorker =
  | { type: 'connected' }
  | { type: 'progress'; delivered: number }
  | { type: 'result'; sent: Array<[string, number]>; received: Array<[string, number]> };

/**
 * How a generator client takes in the others' updates. BENCH_APPLY=1: as the app does, applying each to
 * its document (the stock provider's own handler). Default: it notes the arrival and skips applying,
 * because applying every other client's update is client work, not relay work, and on two cores it is
 * what saturates the generator (about 0.36 ms per 1.3 KB markDone update here, times 9,900 a second).
 * The handshake (sync steps 1 and 2) and awareness always go through the stock handlers.
 */
function receive(provider: WebsocketProvider, doc: Y.Doc, arrived: (key: string) => void): void {
  if (APPLY) {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      const key = origin === provider ? updateKey(update) : null;
      if (key) arrived(key);
    });
    return;
  }
  const stock = provider.messageHandlers[0];
  provider.messageHandlers[0] = (encoder, decoder, p, emitSynced, type) => {
    if (decoder.arr[decoder.pos] !== syncProtocol.messageYjsUpdate) {
      stock?.(encoder, decoder, p, emitSynced, type);
      return;
    }
    decoding.readVarUint(decoder);
    const key = updateKey(decoding.readVarUint8Array(decoder));
    if (key) arrived(key);
  };
}

/**
 * One generator thread: stock clients that each apply their planned change once a second and note when
 * the other clients' changes arrive. The main thread turns the notes into latencies.
 */
function generatorThread(): void {
  const port = parentPort as MessagePort;
  const clients: Array<{ doc: Y.Doc; provider: WebsocketProvider; plan: Change[] }> = [];
  const sent: Array<[string, number]> = [];
  const received: Array<[string, number]> = [];
  const timers: NodeJS.Timeout[] = [];
  let progress: NodeJS.Timeout | null = null;
  const post = (message: FromWorker) => port.postMessage(message);
  port.on('message', async (message: ToWorker) => {
    if (message.type === 'connect') {
      process.setMaxListeners(message.plans.length + 20);
      const target = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(message.seed));
      for (const plan of message.plans) {
        const doc = new Y.Doc();
        const provider = connect(message.url, message.room, doc);
        // The reference relay also echoes a client's update back to it: that is no delivery.
        const own = `${doc.clientID}:`;
        receive(provider, doc, (key) => {
          if (!key.startsWith(own)) received.push([key, now()]);
        });
        clients.push({ doc, provider, plan });
      }
      await Promise.all(clients.map(({ provider, doc }) => synced(provider).then(() => covers(doc, target))));
      firstClient = message.first;
      post({ type: 'connected' });
    } else if (message.type === 'start') {
      // What arrived during the first sync is not part of the load.
      received.length = 0;
      clients.forEach(({ doc, plan }, i) => {
        const c = firstClient + i;
        let s = 0;
        // Spread the clients over the second, as people are; each tick is due at a fixed time, so a late
        // one does not push the rest back (the load stays one update a second per client).
        const due = (k: number) => message.at + (c * 1000) / CLIENTS + k * 1000;
        const tick = () => {
          const change = plan[s++];
          if (!change) return;
          sent.push([`${doc.clientID}:${Y.getState(doc.store, doc.clientID)}`, now()]);
          applyToDocs(() => doc, change, 'local');
          if (s < plan.length) timers.push(setTimeout(tick, Math.max(0, due(s) - now())));
        };
        timers.push(setTimeout(tick, Math.max(0, due(0) - now())));
      });
      progress = setInterval(() => post({ type: 'progress', delivered: received.length }), 250);
    } else {
      if (progress) clearInterval(progress);
      for (const timer of timers) clearTimeout(timer);
      for (const { provider, doc } of clients) {
        provider.destroy();
        doc.destroy();
      }
      post({ type: 'result', sent, received });
    }
  });
}
let firstClient = 0;

async function loadPhase(relay: RelayProcess, seed: Uint8Array, room: string, plans: Change[][]) {
  const seedDoc = new Y.Doc();
  Y.applyUpdate(seedDoc, seed);
  const seeder = connect(relay.url, room, seedDoc);
  await synced(seeder);

  const perWorker = Math.ceil(CLIENTS / WORKERS);
  const workers = Array.from({ length: WORKERS }, () => new Worker(new URL(import.meta.url)));
  const delivered = new Array<number>(WORKERS).fill(0);
  for (const [i, worker] of workers.entries()) {
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'progress') delivered[i] = message.delivered;
    });
  }
  const next = (worker: Worker, type: FromWorker['type']) =>
    new Promise<FromWorker>((resolve) => {
      const on = (message: FromWorker) => {
        if (message.type !== type) return;
        worker.off('message', on);
        resolve(message);
      };
      worker.on('message', on);
    });
  const send = (worker: Worker, message: ToWorker) => worker.postMessage(message);

  const connectStart = now();
  const connected = workers.map((w) => next(w, 'connected'));
  for (const [i, worker] of workers.entries()) {
    send(worker, {
      type: 'connect',
      url: relay.url,
      room,
      seed,
      plans: plans.slice(i * perWorker, (i + 1) * perWorker),
      first: i * perWorker,
    });
  }
  await Promise.all(connected);
  const connectMs = now() - connectStart;

  const expected = CLIENTS * SECONDS * (CLIENTS - 1);
  const before = await statsOf(relay);
  const generatorBefore = process.cpuUsage();
  let peakRss = before.rss;
  let loopP99 = 0;
  let loopMax = 0;
  const sampler = setInterval(() => {
    statsOf(relay).then((s) => {
      peakRss = Math.max(peakRss, s.rss);
      loopP99 = Math.max(loopP99, s.loopDelayMs.p99);
      loopMax = Math.max(loopMax, s.loopDelayMs.max);
    });
  }, 1000);
  const started = now() + 100;
  for (const worker of workers) send(worker, { type: 'start', at: started });
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      const total = delivered.reduce((a, b) => a + b, 0);
      if (total >= expected || now() - started > (SECONDS + 20) * 1000) {
        clearInterval(check);
        resolve();
      }
    }, 100);
  });
  const wallMs = now() - started;
  clearInterval(sampler);
  const after = await statsOf(relay);
  const generatorCpuMs = cpuMs(generatorBefore, process.cpuUsage());
  const relayCpuMs = cpuMs(before.cpu, after.cpu);

  const results = workers.map((w) => next(w, 'result'));
  for (const worker of workers) send(worker, { type: 'stop' });
  const reports = (await Promise.all(results)) as Array<Extract<FromWorker, { type: 'result' }>>;
  await Promise.all(workers.map((w) => w.terminate()));
  seeder.destroy();
  seedDoc.destroy();

  const sentAt = new Map(reports.flatMap((r) => r.sent));
  const latencies: number[] = [];
  for (const report of reports) {
    for (const [id, at] of report.received) {
      const sentTime = sentAt.get(id);
      if (sentTime !== undefined) latencies.push(at - sentTime);
    }
  }
  latencies.sort((a, b) => a - b);
  return {
    clients: CLIENTS,
    generatorThreads: WORKERS,
    receiversApply: APPLY,
    seconds: SECONDS,
    wallMs: round(wallMs),
    updatesSent: sentAt.size,
    deliveriesExpected: expected,
    deliveriesObserved: latencies.length,
    connectAllMs: round(connectMs),
    latencyMs: {
      p50: percentile(latencies, 50),
      p90: percentile(latencies, 90),
      p99: percentile(latencies, 99),
      max: round(latencies.at(-1) ?? Number.NaN),
    },
    relayCpu: {
      ms: round(relayCpuMs),
      shareOfOneCore: round(relayCpuMs / wallMs, 3),
      microsPerDelivery: round((relayCpuMs * 1000) / Math.max(1, latencies.length), 2),
    },
    relayRssMB: {
      start: round(before.rss / 2 ** 20),
      peak: round(peakRss / 2 ** 20),
      end: round(after.rss / 2 ** 20),
    },
    /** The worst per-second p99 and the max of the relay's event-loop delay during the load. */
    relayLoopDelayMs: { worstP99: round(loopP99), max: round(loopMax) },
    generatorCpuShareOfOneCore: round(generatorCpuMs / wallMs, 3),
  };
}

async function coldSync(relay: RelayProcess, room: string, update: Uint8Array, upload: boolean) {
  const target = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update));
  let uploader: { provider: WebsocketProvider; doc: Y.Doc } | null = null;
  if (upload) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    const provider = connect(relay.url, room, doc);
    await synced(provider);
    uploader = { provider, doc };
  }
  const runs: number[] = [];
  for (let i = 0; i < COLD_SYNC_RUNS; i++) {
    const doc = new Y.Doc();
    const start = performance.now();
    const provider = connect(relay.url, room, doc);
    await synced(provider);
    await covers(doc, target);
    runs.push(round(performance.now() - start));
    provider.destroy();
    doc.destroy();
  }
  const stats = await statsOf(relay);
  uploader?.provider.destroy();
  uploader?.doc.destroy();
  return {
    runsMs: runs,
    medianMs: [...runs].sort((a, b) => a - b)[1],
    relayRssMB: round(stats.rss / 2 ** 20),
  };
}

// ---------------------------------------------------------------------------------------------------

async function main() {
  if (!existsSync(SERVER_MAIN))
    throw new Error('Build the server first: pnpm --filter @runsheet/sync-server build');
  // Every stock provider adds a process 'exit' listener.
  process.setMaxListeners(CLIENTS + 20);
  const t0 = performance.now();
  // The load release: 10 clusters, enough customers that each client owns its own steps, 20 templates.
  const loadRelease = buildRelease(10, CLIENTS * Math.ceil(SECONDS / 20), 20);
  const plans = plannedChanges(loadRelease);
  const loadSeed = Y.encodeStateAsUpdate(loadRelease.workspace.doc(loadRelease.releaseId) as Y.Doc);
  const loadRoom = loadRelease.releaseId;

  // The 50,000-step release, ~5% done (bulk "mark deploy steps done" for 63 customers: 2,520 steps), or
  // with BENCH_BIG_DONE=all every step done (the release at its end, what a new device joining late pulls).
  const big = buildRelease(50, 1000, 50);
  const run = runner(big.workspace);
  const allDone = process.env.BENCH_BIG_DONE === 'all';
  for (const customerId of allDone ? big.customers : big.customers.slice(0, 63)) {
    run(bulkMarkDone, { releaseId: big.releaseId, customerId, category: 'deploy' });
    if (allDone) run(bulkMarkDone, { releaseId: big.releaseId, customerId, category: 'verify' });
  }
  const bigDoc = big.workspace.doc(big.releaseId) as Y.Doc;
  const bigUpdate = Y.encodeStateAsUpdate(bigDoc);
  const bigState = big.workspace.state.releases[big.releaseId];
  const setupMs = performance.now() - t0;

  // BENCH_MODE=parallel (default): both relays carry the load at the same time, each from its own clients,
  // so a busy shared machine slows both alike. BENCH_MODE=sequential runs them one after the other, in
  // BENCH_ORDER (reference,runsheet to swap).
  const parallel = (process.env.BENCH_MODE ?? 'parallel') === 'parallel';
  const order = (process.env.BENCH_ORDER ?? 'runsheet,reference').split(',') as RelayName[];
  const dataDirs = new Map(order.map((name) => [name, mkdtempSync(join(tmpdir(), 'relay-bench-'))] as const));
  const relays = new Map<RelayName, RelayProcess>();
  for (const name of order) relays.set(name, await startRelay(name, dataDirs.get(name)));
  const loads = new Map<RelayName, Awaited<ReturnType<typeof loadPhase>>>();
  const runLoad = async (name: RelayName) => {
    loads.set(name, await loadPhase(relays.get(name) as RelayProcess, loadSeed, loadRoom, plans));
  };
  if (parallel) await Promise.all(order.map(runLoad));
  else for (const name of order) await runLoad(name);

  const results: Record<string, unknown> = {};
  for (const name of order) {
    let relay = relays.get(name) as RelayProcess;
    const cold = await coldSync(relay, big.releaseId, bigUpdate, true);
    let coldFromDisk: Awaited<ReturnType<typeof coldSync>> | null = null;
    if (name === 'runsheet') {
      // The room is no longer in memory: the relay loads it from SQLite before answering.
      await relay.stop('SIGTERM');
      relay = await startRelay(name, dataDirs.get(name));
      coldFromDisk = await coldSync(relay, big.releaseId, bigUpdate, false);
    }
    await relay.stop('SIGTERM');
    rmSync(dataDirs.get(name) as string, { recursive: true, force: true });
    results[name] = {
      load: loads.get(name),
      coldSync: cold,
      ...(coldFromDisk ? { coldSyncFromDisk: coldFromDisk } : {}),
    };
  }

  const report = {
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model,
      memGB: round(totalmem() / 2 ** 30),
      node: process.version,
      loadavgAtEnd: loadavg().map((n) => round(n, 2)),
    },
    setupMs: round(setupMs),
    mode: parallel ? 'parallel' : 'sequential',
    order,
    loadRelease: {
      steps: loadRelease.customers.length * loadRelease.templates.length,
      seedBytes: loadSeed.length,
    },
    bigRelease: {
      steps: big.customers.length * big.templates.length,
      stepStates: Object.keys(bigState?.stepStates ?? {}).length,
      events: bigState?.events.length ?? 0,
      docBytes: bigUpdate.length,
    },
    results,
  };
  console.log(JSON.stringify(report, null, 2));
  process.exit(0);
}

if (isMainThread) await main();
else generatorThread();
