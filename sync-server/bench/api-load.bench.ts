/**
 * REST API load: 100 concurrent clients reading the release list and a 1,000-entity Temporal hierarchy.
 * NOT a test: it prints p50 / p95 per endpoint (target p95 < 100 ms). Reproduce:
 *   pnpm --filter @runsheet/sync-server bench:api            (defaults: 100 clients, 20 rounds)
 *   pnpm --filter @runsheet/sync-server bench:api 100 40
 *
 * The server runs in a child process (the real server, sign-in on, the access audit writing a row per
 * request), so the load generator and the server do not share an event loop; on two cores they still share
 * the CPU (timings are noisy). Its Temporal mirror is fed by an in-process fake Temporal, so the figures are
 * the API's, not Temporal's: the API never calls Temporal per request, it reads the mirror.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect as connectSocket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCluster, createCustomer, createRelease, testContext } from '@runsheet/domain';
import { loadConfig } from '../src/config.ts';
import { createRunsheetServer } from '../src/server.ts';
import type { TemporalReader, WorkflowSummary } from '../src/temporal/reader.ts';

/** 1 + 10 waves + 30 clusters + 90 bundles + 900 apps = 1,031 entities. */
function bigHierarchy() {
  const n = (count: number, make: (i: number) => object) =>
    Array.from({ length: count }, (_, i) => make(i + 1));
  return {
    id: 'release:bench',
    state: 'deploying',
    waves: n(10, (w) => ({
      id: `wave:w${w}`,
      state: 'deploying',
      clusters: n(3, (c) => ({
        id: `cluster:w${w}c${c}`,
        state: 'deploying',
        bundles: n(3, (b) => ({
          id: `bundle:w${w}c${c}b${b}`,
          state: 'pending',
          apps: n(10, (a) => ({
            id: `app:w${w}c${c}b${b}a${a}`,
            state: a % 3 === 0 ? 'deployed' : 'pending',
          })),
        })),
      })),
    })),
  };
}

const fakeTemporal: TemporalReader = {
  async list(): Promise<WorkflowSummary[]> {
    return [
      {
        workflowId: 'wf-bench',
        runId: 'r1',
        status: 'RUNNING',
        historyLength: 10,
        startTime: new Date().toISOString(),
        closeTime: null,
      },
    ];
  },
  async describe() {
    return {
      workflowId: 'wf-bench',
      runId: 'r1',
      status: 'RUNNING',
      historyLength: 10,
      startTime: null,
      closeTime: null,
    };
  },
  async query() {
    return bigHierarchy();
  },
  async close() {},
};

async function serve(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'runsheet-bench-data-'));
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    STATIC_DIR: dataDir,
    RUNSHEET_OPEN: '0',
    RUNSHEET_ADMIN_USER: 'bench',
    RUNSHEET_ADMIN_PASSWORD: 'bench-password-123',
    TEMPORAL_ADDRESS: '127.0.0.1:7233',
    TEMPORAL_POLL_MS: '3600000',
  });
  const server = await createRunsheetServer(config, {
    temporalReader: fakeTemporal,
    log: { log() {}, warn() {}, error: console.error },
  });
  const { port } = await server.listen();
  await server.temporal()!.bridge.poll();
  // 60 tracked releases in the catalog.
  const ctx = testContext({ device: 'bench' });
  const { clusterId } = ok(await server.workspace.run(createCluster, { name: 'eu-1' }, ctx));
  ok(await server.workspace.run(createCustomer, { clusterId, name: 'Acme', namespace: 'acme' }, ctx));
  for (let i = 0; i < 60; i++) {
    ctx.tick();
    ok(
      await server.workspace.run(
        createRelease,
        { name: `Release ${i}`, type: 'release', versionNumber: `1.${i}` },
        ctx,
      ),
    );
  }
  // Diagnosis only: BENCH_NO_AUDIT=1 measures what the audit row costs (never in a real server).
  if (process.env.BENCH_NO_AUDIT === '1') {
    server.audit.store.appendMany = async () => {};
  }
  const admin = (await server.auth.users.byUsername('bench'))!;
  const { secret } = await server.auth.tokens.create(admin.id, 'bench');
  process.send?.({ port, token: secret });
  process.on('message', async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
}

function ok<T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The body stays in the chunks it arrived in: only the check below needs it as one piece. */
type Get = (path: string) => Promise<{ status: number; body: Buffer[] }>;

/** Sockets the clients opened, closed at the end. */
const openSockets: Array<{ destroy(): void }> = [];
function closeClients(): void {
  for (const socket of openSockets.splice(0)) socket.destroy();
}

/** node:http's client with a keep-alive agent: one socket per client. */
function nodeHttpClients(port: number, token: string, clients: number): () => Get {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  openSockets.push(agent);
  const headers = { Authorization: `Bearer ${token}` };
  return () => (path) =>
    new Promise((resolve, reject) => {
      const req = request(`http://127.0.0.1:${port}${path}`, { agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: chunks }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
}

/**
 * A minimal HTTP/1.1 keep-alive client: one socket, one request at a time, every response read to its
 * last byte (Content-Length) before the next request goes out. The server sees the same requests as from
 * node:http (Host, Authorization, keep-alive); the generator skips node:http's per-response objects and
 * stream machinery, which on two shared cores took CPU the server then lacked.
 */
function rawClients(port: number, token: string): () => Get {
  const head = (path: string) =>
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\nConnection: keep-alive\r\n\r\n`;
  return () => {
    const socket = connectSocket({ host: '127.0.0.1', port, noDelay: true });
    openSockets.push(socket);
    let pending: { resolve(r: { status: number; body: Buffer[] }): void; reject(e: Error): void } | null =
      null;
    let header: Buffer | null = null;
    let status = 0;
    let remaining = -1;
    let body: Buffer[] = [];
    const fail = (error: Error) => {
      pending?.reject(error);
      pending = null;
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed')));
    socket.on('data', (chunk: Buffer) => {
      if (remaining < 0) {
        // Still in the status line and headers: only this part is copied and parsed.
        header = header === null ? chunk : Buffer.concat([header, chunk]);
        const end = header.indexOf('\r\n\r\n');
        if (end < 0) return;
        const text = header.toString('latin1', 0, end);
        status = Number(text.slice(9, 12));
        const length = /\r\ncontent-length: *(\d+)/i.exec(text);
        if (length === null) return fail(new Error('response without Content-Length'));
        body = [header.subarray(end + 4)];
        remaining = Number(length[1]) - body[0]!.length;
        header = null;
      } else {
        body.push(chunk);
        remaining -= chunk.length;
      }
      if (remaining > 0) return;
      if (remaining < 0) return fail(new Error('more bytes than Content-Length'));
      remaining = -1;
      const done = pending;
      pending = null;
      done?.resolve({ status, body });
    });
    return (path) =>
      new Promise((resolve, reject) => {
        pending = { resolve, reject };
        socket.write(head(path));
      });
  };
}

async function load(clients: number, rounds: number): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['serve'], {
    stdio: 'inherit',
    // BENCH_PROFILE=dir writes a CPU profile of the server there.
    execArgv: process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [],
  });
  const { port, token } = await new Promise<{ port: number; token: string }>((resolve) =>
    child.once('message', (m) => resolve(m as { port: number; token: string })),
  );
  const base = `http://127.0.0.1:${port}`;
  // One keep-alive connection per client, as 100 API clients would have. BENCH_CLIENT=http uses node:http
  // (how this script measured first); the default, raw, costs the generator less CPU on the shared cores.
  const mode = process.env.BENCH_CLIENT === 'http' ? 'http' : 'raw';
  const connect = mode === 'http' ? nodeHttpClients(port, token, clients) : rawClients(port, token);
  const get = connect();
  const endpoints = {
    'GET /api/releases (50 of 60)': '/api/releases?limit=50',
    'GET /api/temporal/releases': '/api/temporal/releases',
    'GET /api/temporal/releases/release:bench (1,031 entities)':
      '/api/temporal/releases/release:bench?limit=2000',
    'GET /api/entities/app:… (Temporal)': '/api/entities/app:w5c2b2a7',
  };
  const check = await get(endpoints['GET /api/temporal/releases/release:bench (1,031 entities)']);
  const entities = (JSON.parse(Buffer.concat(check.body).toString('utf8')) as { entities: unknown[] })
    .entities.length;
  console.log(
    `server ready on ${base}; hierarchy has ${entities} entities; ${clients} clients x ${rounds} rounds x ${Object.keys(endpoints).length} endpoints; ${mode} client`,
  );

  const samples = new Map<string, number[]>(Object.keys(endpoints).map((k) => [k, []]));
  let failures = 0;
  let received = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      const client = connect();
      for (let r = 0; r < rounds; r++) {
        for (const [name, path] of Object.entries(endpoints)) {
          const t0 = performance.now();
          const res = await client(path);
          samples.get(name)!.push(performance.now() - t0);
          if (res.status !== 200) failures++;
          for (const chunk of res.body) received += chunk.length;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const total = clients * rounds * Object.keys(endpoints).length;
  console.log(
    `\n${total} requests in ${seconds.toFixed(1)} s (${Math.round(total / seconds)} req/s), ${failures} non-200, ${(received / 1e6).toFixed(1)} MB of bodies read`,
  );
  console.log('| endpoint | p50 ms | p95 ms | max ms |');
  console.log('|---|---:|---:|---:|');
  for (const [name, list] of samples) {
    const sorted = list.sort((a, b) => a - b);
    console.log(
      `| ${name} | ${percentile(sorted, 50).toFixed(1)} | ${percentile(sorted, 95).toFixed(1)} | ${sorted.at(-1)!.toFixed(1)} |`,
    );
  }
  closeClients();
  child.send('stop');
  await new Promise((resolve) => child.once('exit', resolve));
}

if (process.argv[2] === 'serve') await serve();
else await load(Number(process.argv[2] ?? 100), Number(process.argv[3] ?? 20));
