#!/usr/bin/env node
// Data core benchmark: bundles data-core.bench.ts with Vite, serves it on 127.0.0.1 and runs it in
// headless Chromium with real IndexedDB (a write phase, then a cold load in a fresh page). Prints JSON.
//   node app/bench/run-data-core-bench.mjs          (CHROMIUM_PATH=... to use another browser)
// To measure loads again without writing the release again (minutes for the 50,000-done one), keep the
// browser profile and the origin: BENCH_PROFILE=/tmp/dir BENCH_PORT=4390 for the first run, then add
// BENCH_ONLY=load BENCH_RELEASE=<the releaseId it printed> (BENCH_ONLY=rebuild times a projection rebuild,
// BENCH_ONLY=almost mark done on the all-done release with 50 of its steps reopened; BENCH_ONLY=freeze archives
// it, storing its frozen snapshot, then BENCH_ONLY=frozen opens it cold from the snapshot).
// BENCH_CPU_PROFILE=/tmp/x.cpuprofile writes a Chromium CPU profile of the (last) phase's page, from
// before its navigation to its result (open it in Chromium's DevTools, Performance panel).
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { arch, cpus, loadavg, platform, totalmem } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { benchChromium } from '../../scripts/bench-browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, 'dist');

await build({
  configFile: false,
  root: here,
  logLevel: 'warn',
  build: { outDir, emptyOutDir: true, target: 'es2022', minify: !process.env.BENCH_CPU_PROFILE },
});

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer(async (req, res) => {
  const path = normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
  const file = join(outDir, path === '' ? 'index.html' : path);
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
// IndexedDB belongs to an origin: a kept profile needs the same port every run.
await new Promise((resolve) => server.listen(Number(process.env.BENCH_PORT ?? 0), '127.0.0.1', resolve));
const { port } = server.address();

const { executablePath, args } = benchChromium();
const profile = process.env.BENCH_PROFILE;
const browser = profile ? null : await chromium.launch({ executablePath, args });
const context = profile
  ? await chromium.launchPersistentContext(profile, { executablePath, args })
  : await browser.newContext();
const browserVersion = browser ? browser.version() : (context.browser()?.version() ?? 'persistent');

async function runPhase(context, query, timeout = 300_000) {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error));
  const cpuProfile = process.env.BENCH_CPU_PROFILE;
  const cdp = cpuProfile ? await context.newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
  }
  await page.goto(`http://127.0.0.1:${port}/${query}`);
  await page.waitForFunction(() => window.benchResult !== undefined, null, { timeout, polling: 100 });
  const result = await page.evaluate(() => window.benchResult);
  if (cdp) await writeFile(cpuProfile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
  await page.close();
  if (result.error) throw new Error(result.error);
  return result;
}

try {
  if (process.env.BENCH_ONLY) {
    const q = `?phase=${process.env.BENCH_ONLY}&release=${encodeURIComponent(process.env.BENCH_RELEASE ?? '')}`;
    console.log(JSON.stringify({ [process.env.BENCH_ONLY]: await runPhase(context, q, 900_000) }, null, 2));
    process.exit(0);
  }
  const write = await runPhase(context, '?phase=write');
  const q = (phase) => `?phase=${phase}&release=${encodeURIComponent(write.releaseId)}`;
  // Each phase is a fresh page. The first load follows the writes; the second finds the storage
  // compacted (one row per document), the steady state of a device that opens the app again.
  const load = await runPhase(context, q('load'));
  const loadAgain = await runPhase(context, q('load'));
  const grow = await runPhase(context, q('grow'));
  const loadGrown = await runPhase(context, q('load'));
  // Every one of the 50,000 steps done: the largest a release of this shape gets. BENCH_FULL=0 skips it.
  const full = process.env.BENCH_FULL === '0' ? null : await runPhase(context, q('full'), 1_800_000);
  const loadFull = full ? await runPhase(context, q('load'), 900_000) : null;
  const almostDone = full ? await runPhase(context, q('almost'), 900_000) : null;
  // The finished release archived (its frozen snapshot stored), then opened cold from the snapshot.
  const freeze = full ? await runPhase(context, q('freeze'), 900_000) : null;
  const frozen = full ? await runPhase(context, q('frozen'), 900_000) : null;
  const report = {
    date: new Date().toISOString(),
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      platform: `${platform()} ${arch()}`,
      loadAverage: loadavg().map((x) => Math.round(x * 10) / 10),
      node: process.version,
      browser: `chromium ${browserVersion}`,
    },
    scenario: { clusters: 50, customers: 1000, templates: { deploy: 40, verify: 10 } },
    afterActivation: { ...write, load, loadAgain },
    after3000Done: { ...grow, load: loadGrown },
    allDone: full ? { ...full, load: loadFull, almostDone, freeze, frozen } : 'skipped (BENCH_FULL=0)',
    targets: { activationMs: 2000, coldLoadMs: 1500, releaseDocBytes: 15 * 2 ** 20, markDoneP95Ms: 20 },
  };
  console.log(JSON.stringify(report, null, 2));
} finally {
  await context.close();
  await browser?.close();
  server.close();
}
