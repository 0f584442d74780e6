// Static-serving benchmark: what the built server costs per request for what a first load and a return
// visit ask of it. Starts each given server build (default: sync-server/dist/main.js) on a free loopback
// port over a generated app directory (an index.html, a 300 KB script with its Brotli and gzip copies, a
// stylesheet, the service worker), then per case sends REQUESTS requests, CONCURRENCY at a time, over
// keep-alive connections, and prints requests a second and latency percentiles. Builds given together
// run in turns (A, B, A, B...), so a machine busy with other work weighs on each alike.
//
//   pnpm --filter @runsheet/sync-server run build && node scripts/bench-static.mjs [server.js ...]
//
// STATIC_BENCH_REQUESTS (default 4000), STATIC_BENCH_CONCURRENCY (default 16), STATIC_BENCH_ROUNDS
// (default 2). A benchmark, not a test: it prints figures and asserts nothing.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const REQUESTS = Number(process.env.STATIC_BENCH_REQUESTS ?? 4000);
const CONCURRENCY = Number(process.env.STATIC_BENCH_CONCURRENCY ?? 16);
const ROUNDS = Number(process.env.STATIC_BENCH_ROUNDS ?? 2);
const servers = process.argv.slice(2).map((p) => resolve(p));
if (servers.length === 0) servers.push(join(root, 'sync-server', 'dist', 'main.js'));

/** Text that compresses about as a bundle does: words from a small vocabulary, random order. */
function scriptText(bytes) {
  const words = ['const', 'function', 'return', 'useState', 'props', 'children', '=>', '{', '}', ';'];
  const noise = randomBytes(bytes);
  let out = '';
  for (let i = 0; out.length < bytes; i++) out += `${words[noise[i % bytes] % words.length]}${i % 7} `;
  return out;
}

function writeApp(dir) {
  const files = {
    'index.html':
      '<!doctype html><title>Runsheet</title><script>document.documentElement.dataset.theme="light"</script>' +
      '<script type="module" src="/assets/index-Bx7k2Qz1.js"></script><div id="root"></div>',
    'assets/index-Bx7k2Qz1.js': scriptText(300_000),
    'assets/index-C9aa01Fe.css': scriptText(50_000),
    'sw.js': scriptText(20_000),
  };
  for (const [name, text] of Object.entries(files)) {
    const file = join(dir, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    if (text.length > 1024) {
      writeFileSync(`${file}.br`, brotliCompressSync(text));
      writeFileSync(`${file}.gz`, gzipSync(text));
    }
  }
}

async function startServer(script, staticDir, dataDir) {
  const child = spawn(process.execPath, [script], {
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      STATIC_DIR: staticDir,
      RUNSHEET_OPEN: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise((resolvePort, reject) => {
    const onData = (chunk) => {
      output += chunk.toString();
      const match = /Runsheet listening on http:\/\/[^:]+:(\d+)/.exec(output);
      if (match) resolvePort(Number(match[1]));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
  return { child, port };
}

function get(agent, port, path, headers) {
  return new Promise((resolveGet, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers, agent }, (res) => {
      let bytes = 0;
      res.on('data', (chunk) => {
        bytes += chunk.length;
      });
      res.on('end', () => resolveGet({ status: res.statusCode, headers: res.headers, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

async function measure(port, { path, headers }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  for (let i = 0; i < 200; i++) await get(agent, port, path, headers);
  const latencies = [];
  let next = 0;
  let status = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        next++;
        const t0 = performance.now();
        const res = await get(agent, port, path, headers);
        latencies.push(performance.now() - t0);
        status = res.status;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { status, perSecond: REQUESTS / seconds, p50: at(0.5), p99: at(0.99) };
}

const work = mkdtempSync(join(tmpdir(), 'runsheet-bench-static-'));
const staticDir = join(work, 'app');
writeApp(staticDir);
const accept = { 'Accept-Encoding': 'gzip, deflate, br' };
const cases = [
  { name: 'hashed script, Brotli copy', path: '/assets/index-Bx7k2Qz1.js', headers: accept },
  { name: 'hashed script, no encoding', path: '/assets/index-Bx7k2Qz1.js', headers: {} },
  { name: 'deep link (index.html)', path: '/releases/release:abc', headers: accept },
  { name: 'missing hashed asset (404)', path: '/assets/index-OLD.js', headers: accept },
];

console.log(
  `static serving: ${REQUESTS} requests a case, ${CONCURRENCY} at a time, ${ROUNDS} rounds; node ${process.version}`,
);
const results = new Map();
try {
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [index, script] of servers.entries()) {
      const dataDir = join(work, `data-${index}-${round}`);
      mkdirSync(dataDir);
      const server = await startServer(script, staticDir, dataDir);
      try {
        // The revalidation a returning visitor's service worker sends for sw.js, with the validator it holds.
        const first = await get(undefined, server.port, '/sw.js', accept);
        const all = [
          ...cases,
          {
            name: 'revalidation (304)',
            path: '/sw.js',
            headers: { ...accept, 'If-None-Match': first.headers.etag },
          },
        ];
        for (const c of all) {
          const r = await measure(server.port, c);
          const key = `${c.name}|${script}`;
          results.set(key, [...(results.get(key) ?? []), r]);
          console.log(
            `round ${round}  ${script.replace(`${root}/`, '')}  ${c.name.padEnd(28)} ${String(r.status).padEnd(4)}` +
              `${r.perSecond.toFixed(0).padStart(7)} req/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms`,
          );
        }
      } finally {
        server.child.kill('SIGTERM');
        await new Promise((done) => server.child.once('exit', done));
      }
    }
  }
  console.log('\nbest of the rounds (req/s, p50 ms):');
  for (const [key, rs] of results) {
    const [name, script] = key.split('|');
    const best = rs.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
    console.log(
      `  ${name.padEnd(28)} ${script.replace(`${root}/`, '').padEnd(40)} ${best.perSecond.toFixed(0).padStart(7)}  ${best.p50.toFixed(2)}`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
