/**
 * Several relays benchmark (a script, not a test: it measures and reports, it asserts nothing). Build the
 * server first, then `pnpm --filter @runsheet/sync-server bench:cluster` (bench/run.mjs bundles and runs
 * this file); results go to docs/BENCHMARKS.md, "Several relays". BENCH_SERVER_MAIN=<path of a main.js>
 * runs another build of the relay (an older commit's) instead of dist/main.js, to compare builds;
 * BENCH_SERVER_NODE_ARGS passes Node flags to every relay (a CPU profile: relays stop with SIGTERM at the
 * end, so their profiles are written).
 *
 * In one run, on this machine:
 * - engines: a real PostgreSQL (fsync on) and a real Redis, started by scripts/engines.mjs;
 * - cluster: 3 relays (`node dist/main.js`, DATABASE_URL + REDIS_URL, open mode), each a process;
 * - single: 1 relay on SQLite (the default), a process.
 *
 * 1. Latency: BENCH_CLIENTS stock y-websocket clients on one release room, each setting one key of about
 *    300 bytes once a second, BENCH_WARMUP_SECONDS unmeasured, then BENCH_SECONDS measured. Cluster:
 *    clients spread round-robin over the 3 relays; single: all on the one relay. Latency is from just
 *    before the sender's change to its arrival at each other client (one process, one clock), split into
 *    same relay and across relays. Relay CPU (from /proc) per delivered update; PostgreSQL's and Redis's
 *    CPU beside it.
 * 2. Cold room load: a 2 MB and a 10 MB room (stored, compacted, unloaded), then a fresh client times
 *    connect -> complete copy, BENCH_COLD_RUNS times, from PostgreSQL (a cluster relay) and from SQLite.
 * 3. Chaos: BENCH_CHAOS_CLIENTS clients over the 3 relays writing once a second for BENCH_CHAOS_SECONDS;
 *    every BENCH_KILL_EVERY seconds one relay (in turn) is SIGKILLed and started again. A client whose
 *    relay dies reconnects to the next one (as a load balancer would send it), with the document it holds.
 *    Counts: updates sent, deliveries (client x update, live or in a later sync), lost (sent but in no
 *    other client's document or not in PostgreSQL at the end), and how long the clients of a killed relay
 *    took to be connected and synced again.
 *
 * Receivers note arrivals without applying every update (as in bench:relay: applying is client work, and
 * on two cores it would saturate the generator); the handshake's sync step 2 is applied by the stock
 * handler, so a client that reconnects holds everything in its document.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import pg from 'pg';
import { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  freePort,
  type RunningPostgres,
  type RunningRedis,
  startPostgres,
  startRedis,
} from '../../scripts/engines.mjs';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
// Seconds of the same writing before the latency phase measures anything (0: none, as runs A to E). The
// relays are fresh processes: their first seconds include V8 compiling the hot code (a fifth of the
// relays' CPU in a profile of the first 20 s), which a long-running relay did long ago, and three fresh
// relays, each seeing a third of the traffic, take longer to get there than the single relay.
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 10);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);
const MEASURE_EVERY = Number(process.env.BENCH_MEASURE_EVERY ?? 5);
const CHAOS_CLIENTS = Number(process.env.BENCH_CHAOS_CLIENTS ?? 30);
const CHAOS_SECONDS = Number(process.env.BENCH_CHAOS_SECONDS ?? 330);
const KILL_EVERY = Number(process.env.BENCH_KILL_EVERY ?? 30);
const PHASES = (process.env.BENCH_PHASES ?? 'latency,cold,chaos').split(',');
const PACKAGE = join(import.meta.dirname, '..', '..');
// BENCH_SERVER_MAIN: another build of the relay (an older commit's dist/main.js) to compare with.
const SERVER_MAIN = process.env.BENCH_SERVER_MAIN ?? join(PACKAGE, 'dist', 'main.js');
// BENCH_SERVER_NODE_ARGS: more Node flags for every relay, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
const SERVER_NODE_ARGS = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
const TICKS_PER_SECOND = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.timeOrigin + performance.now();
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return round(
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!,
    2,
  );
}

// ---------------------------------------------------------------------------------------------------
// Processes

/** CPU seconds (user + system) of a process, from /proc. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Every process whose command line mentions `needle`, and their children (PostgreSQL's backends). */
function processTree(needle: string): number[] {
  const pids = readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .map(Number);
  const parent = new Map<number, number>();
  const roots: number[] = [];
  for (const pid of pids) {
    try {
      parent.set(pid, Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]));
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(needle)) roots.push(pid);
    } catch {}
  }
  const tree = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return [...tree];
}

interface Relay {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  start(): Promise<void>;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

function relay(name: string, port: number, env: Record<string, string>): Relay {
  const r: Relay = {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    child: null as unknown as ChildProcess,
    async start() {
      const child = spawn(process.execPath, [...SERVER_NODE_ARGS, SERVER_MAIN], {
        env: {
          PATH: process.env.PATH ?? '',
          HOST: '127.0.0.1',
          PORT: String(port),
          RUNSHEET_OPEN: '1',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      r.child = child;
      let output = '';
      await new Promise<void>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('listening on')) resolve();
        };
        child.stdout?.on('data', onData);
        child.stderr?.on('data', onData);
        child.once('exit', (code) => reject(new Error(`${name} exited (${code}):\n${output}`)));
      });
    },
    async kill() {
      if (r.child.exitCode !== null || r.child.signalCode !== null) return;
      const exited = once(r.child, 'exit');
      r.child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (r.child.exitCode !== null || r.child.signalCode !== null) return;
      const exited = once(r.child, 'exit');
      r.child.kill('SIGTERM');
      await exited;
    },
  };
  return r;
}

// ---------------------------------------------------------------------------------------------------
// Clients

interface Client {
  index: number;
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Index of the relay it is connected to (changes when it moves). */
  relay: number;
  /** Its own sent changes: clock -> time. */
  sent: Map<number, number>;
  /** Changes of others noted live: `client:clock` -> arrival time. */
  arrived: Map<string, number>;
}

/**
 * A stock client. Updates from the relay are noted (which sender's clocks they hold), not applied; sync
 * step 1/2 go through the stock handler. `relays` is the list it moves along when its relay goes away.
 */
/**
 * `measure`: notes which senders' changes each update holds, without applying it; `ignore`: drops update
 * frames unread (the relay's cost is the same, the generator's far lower); `apply`: as the app does.
 */
type Receiving = 'measure' | 'ignore' | 'apply';

function makeClient(
  index: number,
  relays: Relay[],
  first: number,
  room: string,
  receiving: Receiving = 'measure',
): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${relays[first]!.url.replace(/^http/, 'ws')}/sync`, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 1_000,
  });
  const client: Client = { index, doc, provider, relay: first, sent: new Map(), arrived: new Map() };
  const stock = provider.messageHandlers[0];
  if (receiving !== 'apply')
    provider.messageHandlers[0] = (encoder, decoder, p, emitSynced, type) => {
      if (decoder.arr[decoder.pos] !== syncProtocol.messageYjsUpdate) {
        stock?.(encoder, decoder, p, emitSynced, type);
        return;
      }
      if (receiving === 'ignore') return;
      decoding.readVarUint(decoder);
      const update = decoding.readVarUint8Array(decoder);
      const at = now();
      const { from, to } = Y.parseUpdateMeta(update);
      for (const [sender, start] of from) {
        const end = to.get(sender) ?? start;
        for (let clock = start; clock < end; clock++) client.arrived.set(`${sender}:${clock}`, at);
      }
    };
  provider.on('connection-close', () => {
    // Its relay went away: the next one, as a load balancer would do.
    client.relay = (client.relay + 1) % relays.length;
    provider.serverUrl = `${relays[client.relay]!.url.replace(/^http/, 'ws')}/sync`;
  });
  return client;
}

function synced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve) => {
    const on = (isSynced: boolean) => {
      if (!isSynced) return;
      provider.off('sync', on);
      resolve();
    };
    provider.on('sync', on);
  });
}

const PAYLOAD = 'x'.repeat(300);

/** One change: a key of its own, about 300 bytes; remembers when it was made. */
function write(client: Client, n: number): void {
  const clock = Y.getState(client.doc.store, client.doc.clientID);
  client.sent.set(clock, now());
  client.doc.getMap('m').set(`c${client.index}-${n}`, PAYLOAD);
}

/**
 * Each client writes once a second (spread over the second) for `seconds`; resolves when done. `first`
 * numbers the keys on from an earlier round, so every change adds a key.
 */
async function writeFor(
  clients: Client[],
  seconds: number,
  onSecond?: (s: number) => Promise<void> | void,
  first = 0,
) {
  let stop = false;
  const loops = clients.map(async (client, i) => {
    await sleep((1000 * i) / clients.length);
    const t0 = performance.now();
    for (let n = 0; n < seconds && !stop; n++) {
      write(client, first + n);
      await sleep(Math.max(0, t0 + (n + 1) * 1000 - performance.now()));
    }
  });
  if (onSecond) {
    for (let s = 1; s <= seconds; s++) {
      await sleep(1000);
      await onSecond(s);
    }
  }
  await Promise.all(loops);
  stop = true;
}

interface Latencies {
  same: number[];
  cross: number[];
  delivered: number;
}

function latencies(clients: Client[], relayOfClient: (c: Client) => number): Latencies {
  const same: number[] = [];
  const cross: number[] = [];
  let delivered = 0;
  for (const receiver of clients) {
    for (const sender of clients) {
      if (sender === receiver) continue;
      for (const [clock, sentAt] of sender.sent) {
        const at = receiver.arrived.get(`${sender.doc.clientID}:${clock}`);
        if (at === undefined) continue;
        delivered++;
        (relayOfClient(sender) === relayOfClient(receiver) ? same : cross).push(at - sentAt);
      }
    }
  }
  return { same, cross, delivered };
}

const summary = (values: number[]) => ({
  count: values.length,
  p50: percentile(values, 50),
  p99: percentile(values, 99),
  max: percentile(values, 100),
});

function closeAll(clients: Client[]): void {
  for (const c of clients) {
    c.provider.destroy();
    c.doc.destroy();
  }
}

// ---------------------------------------------------------------------------------------------------
// Phases

interface Setup {
  pg: RunningPostgres;
  redis: RunningRedis;
  cluster: Relay[];
  single: Relay;
}

async function latencyPhase(relays: Relay[], label: string, engines: number[]) {
  const room = `release:latency-${label}`;
  // Every client sends; one in MEASURE_EVERY also measures (spread over the relays), the others drop what
  // they receive unread: on two cores, decoding 9,900 frames a second would make the generator the
  // bottleneck, and the relays send every frame all the same.
  const measuring = (i: number) => i % MEASURE_EVERY === 0;
  const clients = Array.from({ length: CLIENTS }, (_, i) =>
    makeClient(i, relays, i % relays.length, room, measuring(i) ? 'measure' : 'ignore'),
  );
  await Promise.all(clients.map((c) => synced(c.provider)));
  await sleep(1000);
  if (WARMUP_SECONDS > 0) {
    await writeFor(clients, WARMUP_SECONDS, undefined, SECONDS);
    await sleep(2000);
    for (const c of clients) {
      c.sent.clear();
      c.arrived.clear();
    }
  }
  const pids = relays.map((r) => r.child.pid!);
  const cpuBefore = pids.map(cpuSeconds);
  const enginesBefore = engines.map(cpuSeconds);
  const started = now();
  await writeFor(clients, SECONDS);
  await sleep(2000);
  const wall = (now() - started) / 1000;
  const cpu = pids.map((pid, i) => cpuSeconds(pid) - cpuBefore[i]!);
  const engineCpu = engines.reduce((sum, pid, i) => sum + cpuSeconds(pid) - enginesBefore[i]!, 0);
  const fixedRelay = new Map(clients.map((c) => [c, c.index % relays.length]));
  const l = latencies(clients, (c) => fixedRelay.get(c)!);
  const receivers = clients.filter((c) => measuring(c.index)).length;
  const expected = receivers * (clients.length - 1) * SECONDS;
  // Every update goes to every other client: what the relays delivered, measured or not.
  const relayDeliveries = clients.length * (clients.length - 1) * SECONDS;
  closeAll(clients);
  const relayCpu = cpu.reduce((a, b) => a + b, 0);
  return {
    relays: relays.length,
    clients: clients.length,
    warmupSeconds: WARMUP_SECONDS,
    seconds: SECONDS,
    updatesSent: clients.length * SECONDS,
    measuringReceivers: receivers,
    deliveriesExpected: expected,
    deliveriesSeen: l.delivered,
    sameRelayMs: summary(l.same),
    crossRelayMs: summary(l.cross),
    relayCpuSeconds: cpu.map((c) => round(c, 2)),
    relayCpuPercentOfOneCore: round((100 * relayCpu) / wall, 1),
    relayDeliveries,
    relayCpuMicrosecondsPerDelivery: round((1e6 * relayCpu) / relayDeliveries, 1),
    enginesCpuMicrosecondsPerDelivery: engines.length ? round((1e6 * engineCpu) / relayDeliveries, 1) : null,
  };
}

/** A document of about `bytes`: entries of 1,000 characters, as a long release holds step texts. */
function bigDoc(bytes: number): Y.Doc {
  const doc = new Y.Doc();
  const map = doc.getMap('steps');
  const entries = Math.round(bytes / 1030);
  doc.transact(() => {
    for (let i = 0; i < entries; i++) {
      map.set(`step-${i}`, `${i}:${Math.random().toString(36).repeat(80)}`.slice(0, 1000));
    }
  });
  return doc;
}

async function coldPhase(setup: Setup) {
  const results: Record<string, unknown> = {};
  const engines = [
    ['postgres', setup.cluster[0]!],
    ['sqlite', setup.single],
  ] as const;
  for (const [label, bytes] of [
    ['2MB', 2 * 1024 * 1024],
    ['10MB', 10 * 1024 * 1024],
  ] as const) {
    const source = bigDoc(bytes);
    const size = Y.encodeStateAsUpdate(source).byteLength;
    const entries = source.getMap('steps').size;
    const room = (engine: string) => `release:cold-${label}-${engine}`;
    for (const [engine, target] of engines) {
      // Upload: the whole document in one sync step 2, then 100 small edits (rows to merge later).
      const uploader = makeClient(0, [target], 0, room(engine), 'apply');
      Y.applyUpdate(uploader.doc, Y.encodeStateAsUpdate(source));
      await synced(uploader.provider);
      for (let i = 0; i < 100; i++) uploader.doc.getMap('edits').set(`e${i}`, i);
      // A second client that has everything shows it is stored (stored before it is sent).
      const check = makeClient(1, [target], 0, room(engine), 'apply');
      await synced(check.provider);
      while (check.doc.getMap('steps').size < entries || check.doc.getMap('edits').size < 100)
        await sleep(50);
      closeAll([uploader, check]);
    }
    // Idle unload (RELAY_IDLE_UNLOAD_MS=300) compacts and frees the rooms.
    await sleep(2000);
    // The engines take turns, run by run, so both see the same background load.
    const times = new Map<string, number[]>(engines.map(([engine]) => [engine, []]));
    for (let run = 0; run < COLD_RUNS; run++) {
      for (const [engine, target] of engines) {
        const started = now();
        const fresh = makeClient(2, [target], 0, room(engine), 'apply');
        await synced(fresh.provider);
        while (fresh.doc.getMap('steps').size < entries) await sleep(5);
        times.get(engine)!.push(now() - started);
        closeAll([fresh]);
        await sleep(1500);
      }
    }
    for (const [engine] of engines) {
      const t = times.get(engine)!;
      results[`${label} ${engine}`] = {
        documentBytes: size,
        runs: t.map((x) => round(x)),
        p50: percentile(t, 50),
        max: percentile(t, 100),
      };
      console.error(`cold ${label} ${engine}: ${t.map((x) => round(x)).join(', ')} ms`);
    }
    source.destroy();
  }
  return results;
}

async function chaosPhase(setup: Setup) {
  const relays = setup.cluster;
  const room = 'release:chaos';
  // Clients as the app's: they apply what they receive, so a reconnect's sync step 2 carries only what
  // they missed (a client that never applied would be sent the whole document at every reconnect).
  const clients = Array.from({ length: CHAOS_CLIENTS }, (_, i) =>
    makeClient(i, relays, i % relays.length, room, 'apply'),
  );
  await Promise.all(clients.map((c) => synced(c.provider)));
  const backInSync: number[] = [];
  const kills: Array<{ at: number; relay: string; clients: number }> = [];
  let next = 0;
  const started = now();
  await writeFor(clients, CHAOS_SECONDS, async (s) => {
    if (s % KILL_EVERY !== 0 || s >= CHAOS_SECONDS) return;
    const victim = relays[next]!;
    const victimIndex = next;
    next = (next + 1) % relays.length;
    const affected = clients.filter((c) => c.relay === victimIndex);
    const killedAt = now();
    await victim.kill();
    kills.push({ at: round((killedAt - started) / 1000), relay: victim.name, clients: affected.length });
    // Each of its clients: back when connected to another relay and synced (its sync step 2 answered).
    for (const c of affected) {
      void (async () => {
        while (c.provider.synced && c.relay === victimIndex) await sleep(5);
        await synced(c.provider);
        backInSync.push(now() - killedAt);
      })();
    }
    // Started again at once, as an orchestrator would; its clients have moved on by then.
    void victim.start().catch((error) => console.error(`restart of ${victim.name} failed:`, error));
  });
  // Quiet: let every client reconnect and receive the rest.
  await Promise.all(clients.map((c) => synced(c.provider)));
  await sleep(5000);
  // Deliveries: live, or held in the document after a later sync step 2.
  let sent = 0;
  let delivered = 0;
  const lostSomewhere = new Set<string>();
  for (const sender of clients) {
    for (const clock of sender.sent.keys()) {
      sent++;
      for (const receiver of clients) {
        if (receiver === sender) continue;
        const key = `${sender.doc.clientID}:${clock}`;
        if (receiver.arrived.has(key) || Y.getState(receiver.doc.store, sender.doc.clientID) > clock)
          delivered++;
        else lostSomewhere.add(key);
      }
    }
  }
  // And what PostgreSQL holds.
  const db = new pg.Client({ connectionString: setup.pg.url });
  await db.connect();
  const { rows } = await db.query<{ data: Buffer }>(
    'SELECT data FROM room_updates WHERE room = $1 ORDER BY seq',
    [room],
  );
  await db.end();
  const stored = new Y.Doc();
  for (const row of rows) Y.applyUpdate(stored, row.data);
  let notStored = 0;
  for (const sender of clients) {
    for (const clock of sender.sent.keys()) {
      if (!(Y.getState(stored.store, sender.doc.clientID) > clock)) notStored++;
    }
  }
  closeAll(clients);
  return {
    clients: CHAOS_CLIENTS,
    seconds: CHAOS_SECONDS,
    killEverySeconds: KILL_EVERY,
    kills,
    updatesSent: sent,
    deliveriesExpected: sent * (CHAOS_CLIENTS - 1),
    deliveries: delivered,
    lostDeliveries: sent * (CHAOS_CLIENTS - 1) - delivered,
    updatesMissingSomewhere: lostSomewhere.size,
    updatesNotInPostgres: notStored,
    clientsOfKilledRelayBackInSyncMs: summary(backInSync),
  };
}

// ---------------------------------------------------------------------------------------------------

async function main() {
  const log = (line: string) => process.env.BENCH_VERBOSE && process.stderr.write(line);
  // BENCH_PG_SETTINGS="synchronous_commit=off": PostgreSQL commits without waiting for its WAL flush,
  // the durability SQLite's WAL with synchronous=NORMAL gives the single relay.
  const settings = (process.env.BENCH_PG_SETTINGS ?? '').split(',').filter(Boolean);
  const postgres = await startPostgres({ durable: true, settings, log });
  const redis = await startRedis({ log });
  const dataDir = mkdtempSync(join(tmpdir(), 'runsheet-bench-sqlite-'));
  const common = { RELAY_IDLE_UNLOAD_MS: '300' };
  const clusterEnv = { ...common, DATABASE_URL: postgres.url, REDIS_URL: redis.url };
  const ports = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const cluster = [0, 1, 2].map((i) => relay(`relay-${i + 1}`, ports[i]!, clusterEnv));
  const single = relay('sqlite', ports[3]!, { ...common, DATA_DIR: dataDir });
  const setup: Setup = { pg: postgres, redis, cluster, single };
  const report: Record<string, unknown> = {
    machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
    postgresSettings: settings,
    loadavgAtStart: loadavg().map((n) => round(n, 2)),
  };
  try {
    for (const r of cluster) await r.start();
    await single.start();
    const engines = [...processTree(`-p ${postgres.port}`), redis.pid!].filter(Boolean);
    if (PHASES.includes('latency')) {
      report.latencyCluster = await latencyPhase(cluster, 'cluster', engines);
      console.error('latency cluster done');
      report.latencySingle = await latencyPhase([single], 'single', []);
      console.error('latency single done');
    }
    if (PHASES.includes('cold')) report.coldLoad = await coldPhase(setup);
    if (PHASES.includes('chaos')) report.chaos = await chaosPhase(setup);
    report.loadavgAtEnd = loadavg().map((n) => round(n, 2));
  } finally {
    for (const r of [...cluster, single]) await r.stop().catch(() => {});
    await redis.stop();
    await postgres.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(JSON.stringify(report, null, 2));
  process.exit(0);
}

await main();
