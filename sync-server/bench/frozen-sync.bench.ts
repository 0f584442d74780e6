/**
 * FZ-09 benchmark: a new device gets the archived all-done release (1,000 customers x 50 steps, every
 * step done, built with the domain commands) from a real relay (dist/main.js, a child process, SQLite),
 * two ways, timed in the same run and alternated:
 *
 * - document: a stock y-websocket client syncs the release room (connect to a complete copy), then reads
 *   it (ReleaseMirror, what a device's views read from);
 * - snapshot: GET /api/releases/{id}/frozen (the relay's frozen snapshot, FZ-07), then thawRelease.
 *
 * Three runs each with the relay up ("warm": the document room may still be in memory from the
 * previous run), then one each after a restart ("cold": both read from SQLite first).
 *
 * Then the relay's first REST read of the archived release after a restart (FZ-08, FZ-11: it thaws the
 * snapshot): how long the answer takes, and what it costs everything else the relay serves meanwhile
 * (its event-loop delay, and the slowest of /healthz asked every 10 ms during the read). Three restarts,
 * taking turns with BENCH_REFERENCE_MAIN (another build's main.js, e.g. one that thaws in one call) when set.
 *
 *   pnpm --filter @runsheet/sync-server build
 *   cd sync-server && node bench/run.mjs frozen-sync
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Command, ReleaseMirror, thawRelease, Workspace } from '@runsheet/doc';
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
  type ReleaseId,
  randomPart,
  testContext,
} from '@runsheet/domain';
import * as Y from 'yjs';
import {
  connect,
  covers,
  round,
  SERVER_MAIN,
  type ServerProcess,
  sleep,
  startServerProcess,
  synced,
} from './harness.ts';

const RUNS = 3;
const REFERENCE_MAIN = process.env.BENCH_REFERENCE_MAIN;

function runner(workspace: Workspace) {
  const ctx = testContext({ device: 'bench' });
  ctx.newId = <T extends IdType>(type: T) =>
    `${type}:${randomPart(crypto.getRandomValues(new Uint8Array(16)))}` as Id<T>;
  return <I, T>(command: Command<I, T>, input: I): T => {
    const result: CommandResult<T> = workspace.run(command, input, ctx);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  };
}

const CONTENT = (i: number) =>
  `kubectl -n {{customer.namespace}} --context {{cluster.name}} apply -f step-${i}.yaml\n# ${'x'.repeat(200)}`;

/** The release of the relay benchmark's BENCH_BIG_DONE=all, archived. */
function buildArchivedRelease() {
  const workspace = new Workspace();
  const run = runner(workspace);
  const clusters = Array.from(
    { length: 50 },
    (_, i) => run(createCluster, { name: `cluster-${i}` }).clusterId,
  );
  const customers: CustomerId[] = [];
  for (let i = 0; i < 1000; i++) {
    const clusterId = clusters[i % 50] as (typeof clusters)[number];
    customers.push(
      run(createCustomer, { clusterId, name: `Customer ${i}`, namespace: `tenant-${i}` }).customerId,
    );
  }
  const releaseId = run(createRelease, {
    name: 'Bench release',
    type: 'release',
    versionNumber: '9.0.0',
  }).releaseId;
  for (let i = 0; i < 50; i++) {
    const category = i < 40 ? 'deploy' : 'verify';
    run(addTemplate, { releaseId, name: `Step ${i}`, category, type: 'bash', content: CONTENT(i) });
  }
  run(activateRelease, { releaseId });
  for (const customerId of customers) {
    run(bulkMarkDone, { releaseId, customerId, category: 'deploy' });
    run(bulkMarkDone, { releaseId, customerId, category: 'verify' });
  }
  run(archiveRelease, { releaseId });
  return { workspace, releaseId };
}

async function upload(url: string, room: string, doc: Y.Doc): Promise<void> {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const provider = connect(url, room, copy);
  await synced(provider);
  // Synced means the relay has answered; wait until it has stored what we sent (it answers after).
  await sleep(500);
  provider.destroy();
  copy.destroy();
}

async function viaDocument(url: string, releaseId: ReleaseId, target: Map<number, number>) {
  const doc = new Y.Doc();
  let bytes = 0;
  doc.on('update', (u: Uint8Array) => {
    bytes += u.byteLength;
  });
  const start = performance.now();
  const provider = connect(url, releaseId, doc);
  await synced(provider);
  await covers(doc, target);
  const synced_ = performance.now();
  const mirror = new ReleaseMirror(doc, releaseId);
  const steps = Object.keys(mirror.state.stepStates).length;
  const read = performance.now();
  mirror.destroy();
  provider.destroy();
  doc.destroy();
  return {
    transferMs: round(synced_ - start),
    readMs: round(read - synced_),
    totalMs: round(read - start),
    bytes,
    steps,
  };
}

async function viaSnapshot(url: string, releaseId: ReleaseId) {
  const start = performance.now();
  const res = await fetch(`${url}/api/releases/${encodeURIComponent(releaseId)}/frozen`);
  if (res.status !== 200) throw new Error(`snapshot: HTTP ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const fetched = performance.now();
  const state = thawRelease(bytes);
  const read = performance.now();
  return {
    transferMs: round(fetched - start),
    readMs: round(read - fetched),
    totalMs: round(read - start),
    bytes: bytes.byteLength,
    steps: Object.keys(state.stepStates).length,
  };
}

/** The first REST read of the release on a relay just started: the snapshot is read and thawed. */
async function firstRestRead(relay: ServerProcess, releaseId: ReleaseId) {
  await relay.stats(); // the loop delay from here
  let reading = true;
  const healthz: number[] = [];
  const pinger = (async () => {
    while (reading) {
      const t = performance.now();
      await (await fetch(`${relay.url}/healthz`)).arrayBuffer();
      healthz.push(performance.now() - t);
      await sleep(10);
    }
  })();
  const start = performance.now();
  const res = await fetch(`${relay.url}/api/releases/${encodeURIComponent(releaseId)}?limit=50`);
  await res.arrayBuffer();
  const answerMs = round(performance.now() - start);
  reading = false;
  await pinger;
  if (res.status !== 200) throw new Error(`first REST read: HTTP ${res.status}`);
  const loop = (await relay.stats())?.loopDelayMs ?? null;
  return {
    answerMs,
    healthzMaxMs: round(Math.max(...healthz)),
    healthzAsked: healthz.length,
    loopDelayMs: loop,
  };
}

async function main() {
  if (!existsSync(SERVER_MAIN))
    throw new Error('Build the server first: pnpm --filter @runsheet/sync-server build');
  const t0 = performance.now();
  const { workspace, releaseId } = buildArchivedRelease();
  const releaseDoc = workspace.doc(releaseId) as Y.Doc;
  const target = Y.decodeStateVector(Y.encodeStateVector(releaseDoc));
  const docBytes = Y.encodeStateAsUpdate(releaseDoc).byteLength;
  const setupMs = round(performance.now() - t0);

  const dataDir = mkdtempSync(join(tmpdir(), 'frozen-bench-'));
  const env = { RUNSHEET_OPEN: '1', DATA_DIR: dataDir };
  let relay: ServerProcess = await startServerProcess(env);
  try {
    // The release first, then the catalog that says it is archived: the relay freezes what it holds.
    await upload(relay.url, releaseId, releaseDoc);
    // The relay's event-loop delay is measured from here: what freezing (load the room, read it, freeze,
    // store) costs everything else the relay serves meanwhile.
    await relay.stats();
    const archivedAt = performance.now();
    await upload(relay.url, 'catalog', workspace.catalog);
    let frozenStatus = 0;
    while (frozenStatus !== 200) {
      await sleep(100);
      frozenStatus = (
        await fetch(`${relay.url}/api/releases/${encodeURIComponent(releaseId)}/frozen`, { method: 'HEAD' })
      ).status;
      if (performance.now() - archivedAt > 120_000) throw new Error(`never frozen:\n${relay.output()}`);
    }
    const frozenAfterMs = round(performance.now() - archivedAt);
    const whileFreezing = (await relay.stats())?.loopDelayMs ?? null;

    const warm: { document: unknown[]; snapshot: unknown[] } = { document: [], snapshot: [] };
    for (let i = 0; i < RUNS; i++) {
      warm.snapshot.push(await viaSnapshot(relay.url, releaseId));
      warm.document.push(await viaDocument(relay.url, releaseId, target));
    }
    // Cold: a restarted relay reads either from SQLite first.
    await relay.stop();
    relay = await startServerProcess(env);
    const coldSnapshot = await viaSnapshot(relay.url, releaseId);
    await relay.stop();
    relay = await startServerProcess(env);
    const coldDocument = await viaDocument(relay.url, releaseId, target);
    const restRead: Record<string, unknown[]> = { thisBuild: [], ...(REFERENCE_MAIN && { reference: [] }) };
    for (let i = 0; i < RUNS; i++) {
      for (const [key, script] of [
        ['thisBuild', SERVER_MAIN],
        ...(REFERENCE_MAIN ? [['reference', REFERENCE_MAIN]] : []),
      ] as const) {
        await relay.stop();
        relay = await startServerProcess(env, script);
        restRead[key]!.push(await firstRestRead(relay, releaseId));
      }
    }
    console.log(
      JSON.stringify(
        {
          machine: {
            cpus: cpus().length,
            model: cpus()[0]?.model,
            node: process.version,
            loadavgAtEnd: loadavg().map((n) => round(n, 2)),
          },
          setupMs,
          release: {
            docBytes,
            frozenAfterArchiveMs: frozenAfterMs,
            relayLoopDelayWhileFreezingMs: whileFreezing,
          },
          warm,
          cold: { snapshot: coldSnapshot, document: coldDocument },
          firstRestReadAfterRestart: restRead,
        },
        null,
        2,
      ),
    );
  } finally {
    await relay.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  process.exit(0);
}

await main();
