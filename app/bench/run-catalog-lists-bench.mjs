#!/usr/bin/env node
// Catalog lists benchmark: how fast the customers list answers a filter or sort change with 50 clusters
// and 1,000 customers, in the production build served by the real server (sync-server/dist/main.js),
// in headless Chromium. Prints JSON. A script, not a test: it asserts nothing.
//
//   pnpm --filter @runsheet/app build && pnpm --filter @runsheet/sync-server build
//   node app/bench/run-catalog-lists-bench.mjs        (CHROMIUM_PATH=... to use another browser)
//
// Seeding goes through the app's own domain commands via `window.__runsheet`, which the app installs
// only when opened with ?bench=1 (app/src/state/test-api.ts). Each sample is timed inside the page: from
// the user's input event (a click on a sort choice, a keystroke in the filter, a tick in the cluster
// menu) until the list shows the new state AND the browser has painted the frame after it.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { benchChromium } from '../../scripts/bench-browser.mjs';
import { summary } from '../../scripts/bench-figures.mjs';
import { startRelay } from '../../scripts/bench-relay.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// The build with the test API (SE-13): `pnpm --filter @runsheet/app run build:test`.
const staticDir = join(root, 'app', 'dist-test');
const serverMain = join(root, 'sync-server', 'dist', 'main.js');
for (const [file, build] of [
  [join(staticDir, 'index.html'), 'pnpm --filter @runsheet/app build'],
  [serverMain, 'pnpm --filter @runsheet/sync-server build'],
]) {
  if (!existsSync(file)) {
    console.error(`${file} is missing: run \`${build}\` first.`);
    process.exit(1);
  }
}

const CLUSTERS = 50;
const CUSTOMERS = 1000;
const TEMPLATES = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);

/** Seeds the catalog and one active release through the domain commands, in the page. */
async function seed(page) {
  return page.evaluate(
    async ({ clusters, customers, templates }) => {
      const api = window.__runsheet;
      const run = async (name, input, releaseId) => {
        const result = await api.run(name, input, releaseId);
        if (!result.ok) throw new Error(`${name}: ${result.error.code}`);
        return result.value;
      };
      const t0 = performance.now();
      const clusterIds = [];
      for (let i = 0; i < clusters; i++) {
        const n = String(i).padStart(2, '0');
        const { clusterId } = await run('createCluster', {
          name: `cluster-${n}`,
          kubeconfigPath: `~/.kube/cluster-${n}`,
          metadata: { region: ['eu-west-1', 'us-east-1', 'ap-south-1'][i % 3] },
        });
        clusterIds.push(clusterId);
      }
      const customerIds = [];
      for (let i = 0; i < customers; i++) {
        const n = String(i).padStart(4, '0');
        const { customerId } = await run('createCustomer', {
          clusterId: clusterIds[(i * 7) % clusters],
          name: `Customer ${n}`,
          namespace: `customer-${n}`,
        });
        customerIds.push(customerId);
      }
      const catalogMs = performance.now() - t0;
      const { releaseId } = await run('createRelease', { name: 'v1.0.0', type: 'hotfix' });
      const templateIds = [];
      for (let t = 0; t < templates; t++) {
        const { templateId } = await run(
          'addTemplate',
          { releaseId, name: `Step ${t}`, category: 'deploy', type: 'text', content: `step ${t}` },
          releaseId,
        );
        templateIds.push(templateId);
      }
      await run('activateRelease', { releaseId }, releaseId);
      const part = (id) => id.slice(id.indexOf(':') + 1);
      // Customer i has (i * 3) % 11 of the 10 steps done (0..10): every progress value appears.
      for (const [i, customerId] of customerIds.entries()) {
        const done = (i * 3) % 11;
        if (done === 0) continue;
        const stepIds = templateIds.slice(0, done).map((t) => `step:${part(customerId)}.${part(t)}`);
        await run('bulkMarkDone', { releaseId, stepIds }, releaseId);
      }
      await api.flush();
      return { catalogMs: Math.round(catalogMs), totalMs: Math.round(performance.now() - t0), clusterIds };
    },
    { clusters: CLUSTERS, customers: CUSTOMERS, templates: TEMPLATES },
  );
}

/**
 * One sample, timed in the page: the user's input (`act`: a click on a sort choice or on "Reverse
 * order", a keystroke in the filter, a tick in the open cluster menu), until every condition on the
 * list's data attributes holds, plus the paint of that frame (rAF, then a task after it).
 */
async function sample(page, act, conditions) {
  return page.evaluate(
    ({ act, conditions }) => {
      const holds = () => {
        const el = document.querySelector('[data-testid="customer-list"]');
        if (!el) return false;
        return conditions.every(({ attr, op, value }) => {
          const v = el.dataset[attr] ?? '';
          return op === 'eq' ? v === value : op === 'startsWith' ? v.startsWith(value) : v.endsWith(value);
        });
      };
      const byText = (selector, text) => {
        const found = [...document.querySelectorAll(selector)].find((el) => el.textContent.trim() === text);
        if (!found) throw new Error(`no ${selector} "${text}"`);
        return found;
      };
      return new Promise((resolve, reject) => {
        const timeout = setTimeout(() => reject(new Error('no render within 10 s')), 10_000);
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (!holds()) return;
          const commit = performance.now() - t0;
          observer.disconnect();
          clearTimeout(timeout);
          requestAnimationFrame(() =>
            setTimeout(() => resolve({ commit, paint: performance.now() - t0 }), 0),
          );
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
        if (act.kind === 'sort') byText('label', act.arg).click();
        else if (act.kind === 'reverse') byText('button', 'Reverse order').click();
        else if (act.kind === 'menu') byText('[role="menuitemcheckbox"]', act.arg).click();
        else {
          const input = document.getElementById('customer-filter');
          Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, act.arg);
          input.dispatchEvent(new Event('input', { bubbles: true }));
        }
      });
    },
    { act, conditions },
  );
}

/** Until the list shows it (commit) and until that frame is painted (paint), per kind of change. */
function both(samples) {
  return { commit: summary(samples.map((s) => s.commit)), paint: summary(samples.map((s) => s.paint)) };
}

const dataDir = mkdtempSync(join(tmpdir(), 'runsheet-catalog-bench-'));
const server = await startRelay({ script: serverMain, env: { DATA_DIR: dataDir, STATIC_DIR: staticDir } });
const base = server.url;
const browser = await chromium.launch(benchChromium());

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(`${base}/customers?bench=1`);
  await page.waitForFunction(() => window.__runsheet !== undefined);
  const seeded = await seed(page);

  // A fresh load of the list, as a user would open it; wait until the rows and their progress are in.
  await page.goto(`${base}/customers`);
  const loadStart = Date.now();
  await page.waitForSelector(`[data-testid="customer-list"][data-count="${CUSTOMERS}"]`);
  await page.waitForSelector('[data-testid="customer-row"] [role="progressbar"]');
  const firstRenderMs = Date.now() - loadStart;
  const renderedRows = await page.locator('[data-testid="customer-row"]').count();

  const results = { sort: [], reverse: [], text: [], clusters: [] };
  const eq = (attr, value) => ({ attr, op: 'eq', value });
  const sorts = [
    ['Name', 'name'],
    ['Progress', 'progress'],
    ['Cluster', 'cluster'],
  ];
  // BENCH_PROFILE=file.cpuprofile: a CPU profile of the sort samples, to see where their time goes.
  const profiler = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : null;
  if (profiler) {
    await profiler.send('Profiler.enable');
    await profiler.send('Profiler.start');
  }
  let dir = 'asc';
  const reverse = async () => {
    dir = dir === 'asc' ? 'desc' : 'asc';
    return sample(page, { kind: 'reverse' }, [eq('dir', dir)]);
  };
  for (let round = -2; round < ROUNDS; round++) {
    for (const [label, sort] of sorts) {
      const ms = await sample(page, { kind: 'sort', arg: label }, [eq('sort', sort), eq('dir', dir)]);
      if (round >= 0) results.sort.push(ms);
    }
    const ms = await reverse();
    if (round >= 0) results.reverse.push(ms);
  }
  if (dir === 'desc') await reverse();
  if (profiler) {
    const { profile } = await profiler.send('Profiler.stop');
    writeFileSync(process.env.BENCH_PROFILE, JSON.stringify(profile));
  }

  // Typing "customer 01" one key at a time, then clearing: each keystroke filters 1,000 rows again.
  const typed = 'customer 01';
  for (let round = -1; round < Math.ceil(ROUNDS / 6); round++) {
    for (const text of [...Array.from({ length: typed.length }, (_, i) => typed.slice(0, i + 1)), '']) {
      const condition = { attr: 'filter', op: 'startsWith', value: `${text.trim()}|` };
      const ms = await sample(page, { kind: 'type', arg: text }, [condition]);
      if (round >= 0) results.text.push(ms);
    }
  }

  // Ticking clusters in the filter menu (opened first, untimed): 1, 2, 3 clusters, then unticking.
  const names = [0, 10, 20].map((i) => `cluster-${String(i).padStart(2, '0')}`);
  const ids = [0, 10, 20].map((i) => seeded.clusterIds[i]);
  const filterEnds = (chosen) => [{ attr: 'filter', op: 'endsWith', value: `|${chosen.join(',')}|false` }];
  for (let round = -1; round < Math.ceil(ROUNDS / 6); round++) {
    await page.getByRole('button', { name: /^Filter by cluster:/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menu').waitFor();
    for (const [i, name] of names.entries()) {
      const ms = await sample(page, { kind: 'menu', arg: name }, filterEnds(ids.slice(0, i + 1)));
      if (round >= 0) results.clusters.push(ms);
    }
    for (const [i, name] of names.entries()) {
      const ms = await sample(page, { kind: 'menu', arg: name }, filterEnds(ids.slice(i + 1)));
      if (round >= 0) results.clusters.push(ms);
    }
    await page.keyboard.press('Escape');
  }

  const report = {
    date: new Date().toISOString(),
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      platform: `${platform()} ${arch()}`,
      loadAverage: loadavg().map((x) => Math.round(x * 10) / 10),
      node: process.version,
      browser: `${browser.browserType().name()} ${browser.version()}`,
    },
    scenario: { clusters: CLUSTERS, customers: CUSTOMERS, activeReleases: 1, templates: TEMPLATES },
    seeding: { catalogMs: seeded.catalogMs, totalMs: seeded.totalMs },
    firstRenderMs,
    renderedRows,
    ms: {
      sort: both(results.sort),
      reverse: both(results.reverse),
      textFilterKeystroke: both(results.text),
      clusterFilter: both(results.clusters),
    },
  };
  console.log(JSON.stringify(report, null, 2));
} finally {
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
