#!/usr/bin/env node
// Restore benchmark: the backup of a release of 1,000 customers x 50 steps, with 10,000 / 25,000 / 50,000
// steps done, restored through the real UI (Settings › Your data › Restore) of the production build served
// by the real server, in headless Chromium. Prints JSON. A script, not a test: it asserts nothing.
//
//   pnpm --filter @runsheet/app build && pnpm --filter @runsheet/sync-server build
//   node app/bench/run-restore-bench.mjs                  (CHROMIUM_PATH=... to use another browser)
//
// BENCH_DONE=10000,25000,50000   which files to restore (comma separated)
// BENCH_REFERENCE=/path/to/dist  also restore each file with another build of the app (e.g. main's), in
//                                the same run, served the same way; BENCH_REFERENCE_DONE limits its files
// BENCH_LIMIT_S=240              give up on one restore after this long (the reference crashes at 50,000)
// BENCH_PROFILE=/tmp/restore     write a CPU profile of the page's main thread per restore (.cpuprofile)
//
// Measured per restore, from the click on "Restore workspace" to "Workspace restored": wall time, the
// longest main-thread task (PerformanceObserver 'longtask') and the sum of their time over 50 ms, the
// page's JS heap (CDP Runtime.getHeapUsage, main thread; sampled every 100 ms, but a page busy in one
// long task answers only after it, so a frozen page's peak is missed) and the renderer processes'
// resident memory (page and worker together, /proc, every 100 ms; also before the file is chosen and
// after the preview, when the worker holds the parsed file). Then a reload at once, and the time until
// the release is listed and its overall progress reads all done.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { benchChromium } from '../../scripts/bench-browser.mjs';
import { startRelay } from '../../scripts/bench-relay.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'runsheet-restore-bench-'));
const doneCounts = (process.env.BENCH_DONE ?? '10000,25000,50000').split(',').map(Number);
const referenceDist = process.env.BENCH_REFERENCE;
const referenceDone = (process.env.BENCH_REFERENCE_DONE ?? process.env.BENCH_DONE ?? '10000,25000,50000')
  .split(',')
  .map(Number);
const limitMs = Number(process.env.BENCH_LIMIT_S ?? 240) * 1000;

/** The generator of the browser tests, bundled for Node (it is TypeScript over the domain's sources). */
async function loadGenerator() {
  const outDir = join(work, 'generator');
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: join(root, 'e2e', 'support', 'large-workspace.ts'),
      outDir,
      emptyOutDir: true,
      target: 'node20',
      rollupOptions: { output: { entryFileNames: 'large-workspace.mjs' } },
    },
    ssr: { noExternal: true },
  });
  return import(pathToFileURL(join(outDir, 'large-workspace.mjs')).href);
}

/** The real server on a free loopback port, serving `staticDir`, with a data directory of its own. */
async function startServer(staticDir, name) {
  const server = await startRelay({
    script: join(root, 'sync-server', 'dist', 'main.js'),
    env: { DATA_DIR: join(work, `data-${name}`), STATIC_DIR: staticDir },
  });
  return { url: server.url, name, stop: () => server.stop() };
}

/** This run's mark on its browser's command line: other jobs on the machine run Chromium too. */
const MARK = `--runsheet-restore-bench=${process.pid}-${Date.now()}`;

function cmdline(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

function parentOf(pid) {
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
  } catch {
    return 0;
  }
}

/** Whether `pid` descends from the browser process started with MARK. */
function ours(pid) {
  for (let p = parentOf(pid), hops = 0; p > 1 && hops < 10; p = parentOf(p), hops++) {
    if (cmdline(p).includes(MARK)) return true;
  }
  return false;
}

/** Resident memory of our browser's renderer processes, in bytes (one page: that page and its worker). */
function rendererRss() {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const args = cmdline(pid);
    if (!args.includes('--type=renderer') || args.includes('--extension-process') || !ours(pid)) continue;
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (rss) total += Number(rss[1]) * 1024;
    } catch {}
  }
  return total;
}

/** A fresh browser per restore: no renderer of an earlier run is left to count. */
function launch() {
  return chromium.launch(benchChromium([MARK]));
}

const mb = (bytes) => Math.round(bytes / 2 ** 20);

async function restoreOnce(server, file, expected) {
  const browser = await launch();
  try {
    return await restoreIn(browser, server, file, expected);
  } catch (error) {
    return { done: expected.done, outcome: `failed: ${String(error).split('\n')[0]}` };
  } finally {
    await browser.close();
  }
}

async function restoreIn(browser, server, file, expected) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let crashed = false;
  page.on('crash', () => {
    crashed = true;
  });
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${server.url}/settings`);
  await page.getByRole('button', { name: 'Restore or import…' }).click();
  const idleRss = rendererRss();
  const dialog = page.getByRole('dialog');
  const chooseAt = Date.now();
  await dialog.getByLabel('Backup file (.json)').setInputFiles(file.path);
  const confirm = dialog.getByRole('button', { name: 'Restore workspace' });
  await confirm.waitFor({ timeout: limitMs });
  const previewMs = Date.now() - chooseAt;

  const cdp = await context.newCDPSession(page);
  const baseHeap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  const baseRss = rendererRss();
  let peakHeap = baseHeap;
  let peakRss = baseRss;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peakRss = Math.max(peakRss, rendererRss());
      try {
        const usage = await Promise.race([
          cdp.send('Runtime.getHeapUsage'),
          new Promise((r) => setTimeout(() => r(null), 1000)),
        ]);
        if (usage) peakHeap = Math.max(peakHeap, usage.usedSize);
      } catch {}
      await new Promise((r) => setTimeout(r, 100));
    }
  })();

  const profile = process.env.BENCH_PROFILE;
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await cdp.send('Profiler.start');
  }
  const startedAt = await page.evaluate(() => performance.now());
  const t0 = Date.now();
  // A page frozen by the restore holds the click itself: wait as long as for the restore.
  await confirm.click({ timeout: limitMs, noWaitAfter: true });
  let outcome = 'restored';
  try {
    await dialog.getByRole('heading', { name: 'Workspace restored' }).waitFor({ timeout: limitMs });
  } catch (error) {
    outcome = crashed
      ? 'tab crashed'
      : `not restored within ${limitMs / 1000} s (${String(error).slice(0, 80)})`;
  }
  const restoreMs = Date.now() - t0;
  if (profile) {
    const { profile: data } = await cdp.send('Profiler.stop');
    writeFileSync(`${profile}-${expected.done}-${server.name}.cpuprofile`, JSON.stringify(data));
  }
  sampling = false;
  await sampler;
  const result = {
    done: expected.done,
    fileMb: Math.round((file.bytes / 2 ** 20) * 10) / 10,
    outcome,
    previewMs,
    restoreMs,
    heapBeforeMb: mb(baseHeap),
    heapPeakMb: mb(peakHeap),
    rendererRssIdleMb: mb(idleRss),
    rendererRssAfterPreviewMb: mb(baseRss),
    rendererRssPeakMb: mb(peakRss),
  };
  if (outcome === 'restored') {
    const tasks = await page.evaluate((from) => window.__longTasks.filter(([at]) => at >= from), startedAt);
    result.longestTaskMs = Math.round(Math.max(0, ...tasks.map(([, d]) => d)));
    result.blockedMs = Math.round(tasks.reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0));
    // The five longest, [ms after the click, duration]: to find them in the profile (BENCH_PROFILE).
    result.longestTasks = [...tasks]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([at, d]) => [Math.round(at - startedAt), Math.round(d)]);
    // A reload at once: the release must be listed, and its progress must read all done. A build that
    // said "restored" before storing it loses it here (main before IO-18 did).
    const r0 = Date.now();
    const reloadLimit = Math.min(limitMs, 60_000);
    try {
      await page.goto(`${server.url}/releases`);
      await page
        .getByRole('table', { name: 'Releases' })
        .getByRole('link', { name: expected.releaseName, exact: true })
        .waitFor({ timeout: reloadLimit });
      result.listedAfterReloadMs = Date.now() - r0;
      await page.goto(`${server.url}/releases/${encodeURIComponent(expected.releaseId)}`);
      await page
        .locator(
          `[role="progressbar"][aria-label="Overall progress"][aria-valuetext*="(${expected.done} done"]`,
        )
        .waitFor({ timeout: reloadLimit });
      result.progressAfterReloadMs = Date.now() - r0;
    } catch {
      result.afterReload = `release not listed with all its steps within ${reloadLimit / 1000} s: lost`;
    }
  }
  await context.close().catch(() => {});
  return result;
}

const servers = [];
// Stopped by hand: the servers go too (Playwright closes the browsers it launched on exit).
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const server of servers) server.stop();
    process.exit(130);
  });
}
const chromiumVersion = await launch().then(async (b) => {
  const version = b.version();
  await b.close();
  return version;
});
try {
  const generator = await loadGenerator();
  const files = [];
  for (const done of new Set([...doneCounts, ...(referenceDist ? referenceDone : [])])) {
    const g0 = Date.now();
    const workspace = generator.buildLargeWorkspace({ customers: 1000, templates: 50, done });
    const path = join(work, `backup-${done}.json`);
    writeFileSync(path, workspace.text);
    files.push({
      done,
      path,
      bytes: Buffer.byteLength(workspace.text),
      generateMs: Date.now() - g0,
      expected: { done, releaseId: workspace.releaseId, releaseName: workspace.releaseName },
    });
  }
  const builds = [{ name: 'this', dist: join(root, 'app', 'dist'), done: doneCounts }];
  if (referenceDist) builds.push({ name: 'reference', dist: referenceDist, done: referenceDone });
  const runs = [];
  for (const file of files) {
    for (const b of builds) {
      if (!b.done.includes(file.done)) continue;
      const server = await startServer(b.dist, `${b.name}-${file.done}`);
      servers.push(server);
      const result = await restoreOnce(server, file, file.expected);
      await server.stop();
      runs.push({ build: b.name, ...result });
      console.error(JSON.stringify(runs.at(-1)));
    }
  }
  console.log(
    JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: {
          cpu: cpus()[0]?.model ?? 'unknown',
          cores: cpus().length,
          memoryGb: Math.round(totalmem() / 2 ** 30),
          platform: `${platform()} ${arch()}`,
          loadAverage: loadavg().map((x) => Math.round(x * 10) / 10),
          node: process.version,
          browser: `chromium ${chromiumVersion}`,
        },
        files: files.map(({ done, bytes, generateMs }) => ({
          done,
          mb: Math.round((bytes / 2 ** 20) * 10) / 10,
          generateMs,
        })),
        runs,
      },
      null,
      2,
    ),
  );
} finally {
  for (const server of servers) server.stop();
  rmSync(work, { recursive: true, force: true });
}
