// First-load benchmark: Lighthouse 12 (mobile preset: a mid-range phone on a slow 4G link, simulated) on
// `/`, `/releases` and `/settings` of the production build served by the real server, as a visitor who is
// not signed in, each run in a fresh browser profile (cold cache). Prints, per page, the median of RUNS
// runs: performance and accessibility scores, largest contentful paint, bytes sent, JavaScript the page
// loaded but did not run, main-thread work, and anything the page logged as an error.
//
//   pnpm build && node scripts/lighthouse.mjs          (LIGHTHOUSE_RUNS=5 for more runs; default 3)
//
// Lighthouse is installed on first use into .tools/lighthouse (git-ignored); Chromium is /usr/bin/chromium
// unless CHROME_PATH says otherwise. A benchmark, not a test: it prints figures and asserts nothing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const LIGHTHOUSE_VERSION = '12.2.3';
const PAGES = ['/', '/releases', '/settings'];
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.LIGHTHOUSE_RUNS ?? 3);

function lighthouseBin() {
  const prefix = join(root, '.tools', 'lighthouse');
  const bin = join(prefix, 'node_modules', '.bin', 'lighthouse');
  if (existsSync(bin)) return bin;
  console.log(`Installing lighthouse@${LIGHTHOUSE_VERSION} into .tools/lighthouse`);
  mkdirSync(prefix, { recursive: true });
  const npm = spawnSync(
    'npm',
    ['install', '--prefix', prefix, '--no-save', `lighthouse@${LIGHTHOUSE_VERSION}`],
    {
      stdio: 'inherit',
    },
  );
  if (npm.status !== 0 || !existsSync(bin)) throw new Error('could not install Lighthouse');
  return bin;
}

/** The built server on a free loopback port, with an admin account (so the visitor meets sign-in, not setup). */
async function startServer(dataDir) {
  for (const built of ['app/dist/index.html', 'sync-server/dist/main.js'])
    if (!existsSync(join(root, built))) throw new Error(`${built} is missing: run "pnpm build" first`);
  const child = spawn(process.execPath, [join(root, 'sync-server/dist/main.js')], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      RUNSHEET_ADMIN_USER: 'admin',
      RUNSHEET_ADMIN_PASSWORD: 'lighthouse-admin-password',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /listening on (http:\/\/[^ ]+)/.exec(line);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

function audit(report, id) {
  return report.audits[id];
}

function measure(bin, url, scratch) {
  const output = join(scratch, 'report.json');
  const result = spawnSync(
    bin,
    [
      url,
      '--quiet',
      '--output=json',
      `--output-path=${output}`,
      '--only-categories=performance,accessibility,best-practices',
      '--chrome-flags=--headless --no-sandbox',
    ],
    {
      env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`lighthouse failed on ${url}: ${result.stderr}`);
  const report = JSON.parse(readFileSync(output, 'utf8'));
  const consoleErrors = audit(report, 'errors-in-console').details?.items ?? [];
  return {
    performance: Math.round(report.categories.performance.score * 100),
    accessibility: Math.round(report.categories.accessibility.score * 100),
    bestPractices: Math.round(report.categories['best-practices'].score * 100),
    lcpMs: audit(report, 'largest-contentful-paint').numericValue,
    fcpMs: audit(report, 'first-contentful-paint').numericValue,
    tbtMs: audit(report, 'total-blocking-time').numericValue,
    transferKiB: audit(report, 'total-byte-weight').numericValue / 1024,
    unusedJsKiB: (audit(report, 'unused-javascript').details?.overallSavingsBytes ?? 0) / 1024,
    mainThreadMs: audit(report, 'mainthread-work-breakdown').numericValue,
    console: consoleErrors.map((item) => `${item.source}: ${item.description}`),
  };
}

/** Lighthouse now and then fails to record a trace on a loaded machine (NO_NAVSTART): up to 3 tries. */
function measureRetrying(bin, url, scratch, tries = 3) {
  try {
    return measure(bin, url, scratch);
  } catch (error) {
    if (tries <= 1) throw error;
    console.log(`(trying again) ${error.message.split('\n')[0]}`);
    return measureRetrying(bin, url, scratch, tries - 1);
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const bin = lighthouseBin();
const scratch = mkdtempSync(join(tmpdir(), 'runsheet-lighthouse-'));
const server = await startServer(join(scratch, 'data'));
try {
  console.log(`Lighthouse ${LIGHTHOUSE_VERSION}, mobile preset, cold cache, ${runs} runs a page (median)`);
  const rows = [];
  for (const page of PAGES) {
    const samples = [];
    for (let i = 0; i < runs; i++) samples.push(measureRetrying(bin, `${server.url}${page}`, scratch));
    const pick = (key) => median(samples.map((s) => s[key]));
    rows.push({
      page,
      performance: `${pick('performance')} (${Math.min(...samples.map((s) => s.performance))}-${Math.max(...samples.map((s) => s.performance))})`,
      accessibility: pick('accessibility'),
      'best practices': pick('bestPractices'),
      'LCP s': (pick('lcpMs') / 1000).toFixed(1),
      'FCP s': (pick('fcpMs') / 1000).toFixed(1),
      'TBT ms': Math.round(pick('tbtMs')),
      'sent KiB': Math.round(pick('transferKiB')),
      'unused JS KiB': Math.round(pick('unusedJsKiB')),
      'main thread s': (pick('mainThreadMs') / 1000).toFixed(1),
      'console errors': [...new Set(samples.flatMap((s) => s.console))].join(' | ') || 'none',
    });
  }
  console.table(rows);
} finally {
  server.stop();
  rmSync(scratch, { recursive: true, force: true });
}
