/**
 * REST API load: 100 concurrent clients reading the release list and a 1,000-entity Temporal hierarchy.
 * NOT a test: it prints p50 / p95 per endpoint (target p95 < 100 ms). Reproduce:
 *   pnpm --filter @runsheet/sync-server bench:api            (defaults: 100 clients, 20 rounds)
 *   pnpm --filter @runsheet/sync-server bench:api 100 40
 *
 * The server runs in a child process (the real server, sign-in on, the access audit writing a row per
 * request), so the load generator and the server do not share an event loop; on two cores they still share
 * the CPU (see TOOLCHAIN.md). Its Temporal mirror is fed by an in-process fake Temporal, so the figures are
 * the API's, not Temporal's: the API never calls Temporal per request, it reads the mirror.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
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
  const server = createRunsheetServer(config, {
    temporalReader: fakeTemporal,
    log: { log() {}, warn() {}, error: console.error },
  });
  const { port } = await server.listen();
  await server.temporal()!.bridge.poll();
  // 60 tracked releases in the catalog.
  const ctx = testContext({ device: 'bench' });
  const { clusterId } = ok(server.workspace.run(createCluster, { name: 'eu-1' }, ctx));
  ok(server.workspace.run(createCustomer, { clusterId, name: 'Acme', namespace: 'acme' }, ctx));
  for (let i = 0; i < 60; i++) {
    ctx.tick();
    ok(
      server.workspace.run(
        createRelease,
        { name: `Release ${i}`, type: 'release', versionNumber: `1.${i}` },
        ctx,
      ),
    );
  }
  // Diagnosis only: BENCH_NO_AUDIT=1 measures what the audit row costs (never in a real server).
  if (process.env.BENCH_NO_AUDIT === '1') {
    server.audit.store.append = () => 0;
    server.audit.store.appendMany = () => {};
  }
  const admin = server.auth.users.byUsername('bench')!;
  const { secret } = server.auth.tokens.create(admin.id, 'bench');
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

async function load(clients: number, rounds: number): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['serve'], {
    stdio: 'inherit',
    // BENCH_PROFILE=dir writes a CPU profile of the server there.
    execArgv: process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [],
  });
  const { port, token } = await new Promise<{ port: number; token: string }>((resolve) =>
    child.once('message', (m) => resolve(m as { port: number; token: string })),
  );
  const headers = { Authorization: `Bearer ${token}` };
  // One keep-alive connection per client, as 100 API clients would have.
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const base = `http://127.0.0.1:${port}`;
  const get = (path: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${base}${path}`, { agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  const endpoints = {
    'GET /api/releases (50 of 60)': '/api/releases?limit=50',
    'GET /api/temporal/releases': '/api/temporal/releases',
    'GET /api/temporal/releases/release:bench (1,031 entities)':
      '/api/temporal/releases/release:bench?limit=2000',
    'GET /api/entities/app:… (Temporal)': '/api/entities/app:w5c2b2a7',
  };
  const check = await get(endpoints['GET /api/temporal/releases/release:bench (1,031 entities)']);
  const entities = (JSON.parse(check.body) as { entities: unknown[] }).entities.length;
  console.log(
    `server ready on ${base}; hierarchy has ${entities} entities; ${clients} clients x ${rounds} rounds x ${Object.keys(endpoints).length} endpoints`,
  );

  const samples = new Map<string, number[]>(Object.keys(endpoints).map((k) => [k, []]));
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let r = 0; r < rounds; r++) {
        for (const [name, path] of Object.entries(endpoints)) {
          const t0 = performance.now();
          const res = await get(path);
          samples.get(name)!.push(performance.now() - t0);
          if (res.status !== 200) failures++;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const total = clients * rounds * Object.keys(endpoints).length;
  console.log(
    `\n${total} requests in ${seconds.toFixed(1)} s (${Math.round(total / seconds)} req/s), ${failures} non-200`,
  );
  console.log('| endpoint | p50 ms | p95 ms | max ms |');
  console.log('|---|---:|---:|---:|');
  for (const [name, list] of samples) {
    const sorted = list.sort((a, b) => a - b);
    console.log(
      `| ${name} | ${percentile(sorted, 50).toFixed(1)} | ${percentile(sorted, 95).toFixed(1)} | ${sorted.at(-1)!.toFixed(1)} |`,
    );
  }
  agent.destroy();
  child.send('stop');
  await new Promise((resolve) => child.once('exit', resolve));
}

if (process.argv[2] === 'serve') await serve();
else await load(Number(process.argv[2] ?? 100), Number(process.argv[3] ?? 20));
