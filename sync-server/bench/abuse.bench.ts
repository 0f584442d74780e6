/**
 * Load-and-abuse benchmark (a script, not a test: it measures and reports, it asserts nothing). Build the
 * server first, then `pnpm --filter @runsheet/sync-server bench:abuse` (bench/run.mjs bundles and runs
 * this file); results go to docs/BENCHMARKS.md, "Load and abuse".
 *
 * One server, `node dist/main.js` as users run it (sign-in on, SQLite in a temp DATA_DIR, TRUST_PROXY=1 so
 * that row 8 has a proxy to lie to), runs through every phase without a restart:
 * - honest load: BENCH_CLIENTS stock y-websocket clients signed in as BENCH_MEMBERS members over
 *   BENCH_ROOMS listed release rooms, each writing BENCH_RATE changes a second (bench/abuse/honest.ts);
 * - phases of BENCH_SECONDS each: "quiet" (honest load only), then one per attack of BENCH_ATTACKS
 *   (default all, bench/abuse/attacks.ts), each attack in a worker thread of its own that builds its
 *   payloads before the phase starts, and after each a settle of up to BENCH_SETTLE_SECONDS for the last
 *   changes to arrive.
 * Per phase: honest changes sent, delivered, lost; delivery p50/p99 and its ratio to the quiet phase; the
 * server's peak RSS (bench/abuse/server-memory.ts) and its difference to the quiet phase; the server's
 * worst event-loop delay (bench/probe.mjs); what the attack sent and how the server answered; whether the
 * process was alive and answering /healthz at the end. Targets (issue 13): p99 at most 2x the quiet one,
 * memory at most +100 MB, nothing lost, the process never exits. If it exits, the run says so and stops.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { ATTACK_NAMES, ATTACKS, type AttackName } from './abuse/attacks.ts';
import { type Delivery, HonestClients } from './abuse/honest.ts';
import { watchMemory } from './abuse/server-memory.ts';
import { httpStatus, type Tally } from './abuse/wire.ts';
import { prepareWorkspace, type Target } from './abuse/workspace.ts';
import { round, type ServerProcess, sleep, startServerProcess } from './harness.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const SETTLE_SECONDS = Number(process.env.BENCH_SETTLE_SECONDS ?? 10);
const RATE = Number(process.env.BENCH_RATE ?? 1);
const ROOMS = Number(process.env.BENCH_ROOMS ?? 5);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 10);

/**
 * The default order: the cheap attacks first, those that leave memory or storage behind (huge updates, a
 * locked database) last, so that one phase's leftovers weigh on as few others as possible; then the quiet
 * load again, to show what the server kept.
 */
const DEFAULT_ORDER: AttackName[] = [
  'forged-host',
  'forged-xff',
  'room-spray',
  'presence-spoof',
  'forged-history',
  'unauth-flood',
  'sign-in-flood',
  'huge-viewer',
  'sqlite-lock',
  'huge-member',
];

type PhaseName = 'quiet' | 'quiet again' | AttackName;
const isQuiet = (name: PhaseName): name is 'quiet' | 'quiet again' =>
  name === 'quiet' || name === 'quiet again';

interface WorkerJob {
  attack: AttackName;
  target: Target;
  seconds: number;
}

/**
 * Starts one attack in a worker thread of its own, which builds what it will send first (`Attack.prepare`):
 * `ready` resolves once it has (or has failed), and `start()` lets it loop, resolving with its tally. A worker
 * that outlives its time by 30 s is ended.
 */
function attackInWorker(job: WorkerJob): {
  ready: Promise<void>;
  start: () => Promise<Tally | { error: string }>;
} {
  const worker = new Worker(new URL(import.meta.url), { workerData: job });
  let failed: { error: string } | null = null;
  const ended = new Promise<Tally | { error: string }>((resolve) => {
    worker.on('message', (message: 'ready' | Tally) => {
      if (message === 'ready') return;
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', (error) => {
      failed = { error: String(error) };
      resolve(failed);
    });
  });
  const ready = new Promise<void>((resolve) => {
    worker.on('message', (message) => {
      if (message === 'ready') resolve();
    });
    void ended.then(() => resolve());
  });
  return {
    ready,
    start() {
      if (failed) return Promise.resolve(failed);
      worker.postMessage('go');
      return new Promise((resolve) => {
        const limit = setTimeout(
          () => {
            resolve({ error: 'the attack did not stop by itself: ended' });
            void worker.terminate();
          },
          (job.seconds + 30) * 1000,
        );
        void ended.then((result) => {
          clearTimeout(limit);
          resolve(result);
        });
      });
    },
  };
}

interface Phase {
  phase: string;
  row: string;
  honest: Delivery;
  p99RatioToQuiet: number | null;
  /** Peak: the phase's highest RSS; growth: peak minus the RSS at the phase's start. */
  serverRssMB: {
    start: number;
    peak: number;
    end: number;
    growth: number;
    peakDeltaVsQuiet: number | null;
  };
  serverLoopDelayMaxMs: number | null;
  attack: Tally | { error: string } | null;
  alive: boolean;
}

async function runPhase(name: PhaseName, server: ServerProcess, target: Target, honest: HonestClients) {
  const pid = server.child.pid as number;
  const memory = watchMemory(pid);
  await server.stats(); // resets the probe's loop-delay histogram
  let loopMax = 0;
  const loopSampler = setInterval(() => {
    void server.stats().then((s) => {
      if (s) loopMax = Math.max(loopMax, s.loopDelayMs.max);
    });
  }, 1000);
  // The attacker builds its payloads before the phase's clock starts (see Attack.prepare).
  const worker = isQuiet(name) ? null : attackInWorker({ attack: name, target, seconds: SECONDS });
  await worker?.ready;
  const attack = worker ? worker.start() : null;
  await honest.write(SECONDS, RATE);
  const tally = attack ? await attack : null;
  await honest.settle(SETTLE_SECONDS * 1000);
  const last = await server.stats();
  clearInterval(loopSampler);
  if (last) loopMax = Math.max(loopMax, last.loopDelayMs.max);
  const rss = memory.stop();
  const running = server.child.exitCode === null && server.child.signalCode === null;
  const alive = running && (await httpStatus(target.url, '/healthz')) === '200';
  return {
    delivery: honest.report(),
    rss: { start: memory.startMB, peak: rss.peakMB, end: rss.endMB },
    loopMax: last || loopMax > 0 ? loopMax : null,
    tally,
    alive,
  };
}

const fmt = (n: number | null | undefined, digits = 1) =>
  n === null || n === undefined || Number.isNaN(n) ? '—' : String(round(n, digits));

function answers(attack: Phase['attack']): string {
  if (attack === null) return '—';
  if ('error' in attack) return attack.error;
  return Object.entries(attack.outcomes)
    .sort((a, b) => b[1] - a[1])
    .map(([outcome, count]) => `${outcome}: ${count}`)
    .join('; ');
}

function markdown(phases: Phase[]): string {
  const lines = [
    '| phase | row | honest sent | delivered / expected | lost | p50 ms | p99 ms | p99 / quiet | peak RSS MB | Δ vs quiet MB | growth in phase MB | server loop delay max ms | attack requests | how the server answered | honest disconnects | alive |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const p of phases) {
    const h = p.honest;
    const disconnects = Object.entries(h.honestDisconnects)
      .map(([code, n]) => `${code}: ${n}`)
      .join('; ');
    lines.push(
      `| ${p.phase} | ${p.row} | ${h.updatesSent} | ${h.delivered} / ${h.deliveriesExpected} | ${h.lost} | ${fmt(h.latencyMs.p50)} | ${fmt(h.latencyMs.p99)} | ${fmt(p.p99RatioToQuiet, 2)} | ${fmt(p.serverRssMB.peak)} | ${fmt(p.serverRssMB.peakDeltaVsQuiet)} | ${fmt(p.serverRssMB.growth)} | ${fmt(p.serverLoopDelayMaxMs)} | ${p.attack && !('error' in p.attack) ? p.attack.requests : '—'} | ${answers(p.attack)} | ${disconnects || 'none'} | ${p.alive ? 'yes' : '**no**'} |`,
    );
  }
  return lines.join('\n');
}

async function main() {
  const attacks = (process.env.BENCH_ATTACKS ?? DEFAULT_ORDER.join(',')).split(',').filter(Boolean);
  for (const a of attacks) {
    if (!(a in ATTACKS)) throw new Error(`unknown attack ${a}; known: ${ATTACK_NAMES.join(', ')}`);
  }
  const loadAtStart = loadavg().map((n) => round(n, 2));
  const dataDir = mkdtempSync(join(tmpdir(), 'runsheet-abuse-'));
  const server = await startServerProcess(
    {
      RUNSHEET_OPEN: '0',
      DATA_DIR: dataDir,
      TRUST_PROXY: '1',
      // To compare settings of the server in one sitting, e.g. AUTH_HASH_CONCURRENCY=2 against its default.
      ...(process.env.AUTH_HASH_CONCURRENCY && { AUTH_HASH_CONCURRENCY: process.env.AUTH_HASH_CONCURRENCY }),
    },
    // BENCH_SERVER_MAIN: another build of the server (e.g. an older commit's) to compare in one sitting.
    process.env.BENCH_SERVER_MAIN,
  );
  // Every stock provider adds a process 'exit' listener.
  process.setMaxListeners(CLIENTS + 20);
  const phases: Phase[] = [];
  let exited: string | null = null;
  let stopping = false;
  server.child.once('exit', (code, signal) => {
    if (stopping) return;
    exited = `the server exited (${code ?? signal}) at ${new Date().toISOString()}`;
    console.error(exited);
  });
  try {
    const target = await prepareWorkspace(server.url, {
      members: MEMBERS,
      rooms: ROOMS,
      databaseFile: join(dataDir, 'runsheet.sqlite'),
    });
    const honest = await HonestClients.connect(target, CLIENTS);
    // Warm-up: rooms loaded, first compactions and JIT out of the way.
    await honest.write(3, RATE);
    await honest.settle(SETTLE_SECONDS * 1000);
    let quiet: Phase | null = null;
    for (const name of ['quiet', ...attacks, 'quiet again'] as PhaseName[]) {
      if (exited) break;
      console.error(`${new Date().toISOString()} phase ${name}`);
      const r = await runPhase(name, server, target, honest);
      const phase: Phase = {
        phase: name,
        row: isQuiet(name) ? '—' : ATTACKS[name].row,
        honest: r.delivery,
        p99RatioToQuiet: quiet ? r.delivery.latencyMs.p99 / quiet.honest.latencyMs.p99 : null,
        serverRssMB: {
          start: round(r.rss.start),
          peak: round(r.rss.peak),
          end: round(r.rss.end),
          growth: round(r.rss.peak - r.rss.start),
          peakDeltaVsQuiet: quiet ? round(r.rss.peak - quiet.serverRssMB.peak) : null,
        },
        serverLoopDelayMaxMs: r.loopMax === null ? null : round(r.loopMax),
        attack: r.tally,
        alive: r.alive,
      };
      if (name === 'quiet') quiet = phase;
      phases.push(phase);
      console.error(JSON.stringify(phase));
      await sleep(2000);
    }
    honest.close();
  } finally {
    stopping = true;
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(
    JSON.stringify(
      {
        machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
        settings: {
          clients: CLIENTS,
          members: MEMBERS,
          rooms: ROOMS,
          rate: RATE,
          seconds: SECONDS,
          settleSeconds: SETTLE_SECONDS,
        },
        loadavgAtStart: loadAtStart,
        loadavgAtEnd: loadavg().map((n) => round(n, 2)),
        serverExited: exited,
        phases,
      },
      null,
      2,
    ),
  );
  console.log(`\n${markdown(phases)}`);
  process.exit(0);
}

if (isMainThread) await main();
else {
  const job = workerData as WorkerJob;
  const run = await ATTACKS[job.attack].prepare(job.target, { seconds: job.seconds });
  const go = new Promise<void>((resolve) => parentPort?.once('message', () => resolve()));
  parentPort?.postMessage('ready');
  await go;
  const tally = await run();
  parentPort?.postMessage({ requests: tally.requests, outcomes: tally.outcomes });
}
