/**
 * Release matrix benchmark: 1,000 customers × 50 steps in headless Chromium, against the production
 * build served by the real server (`node sync-server/dist/main.js`). A script, not a test: it measures
 * and prints, it asserts nothing. Run it with `node app/bench/matrix-bench.mjs` (see docs/BENCHMARKS.md,
 * "Release matrix").
 *
 * Seeding drives the app's one write path through the test API (`window.__runsheet`) that a first page load with
 * `?bench=1` installs (app/src/state/test-api.ts): the same domain commands a click runs.
 *
 * Measured inside the page with performance.now(), so Playwright's round trips are not counted:
 * - first render, in-app: click on the release in the dashboard -> the grid's first cells are in the
 *   DOM and a frame has been painted. The first click also loads the route's code chunk.
 * - first render, cold: a fresh page load of /releases/<id> -> the same (app start, IndexedDB open,
 *   catalog and release document load included), timed from the navigation start.
 * - mark done: click on "Mark done" in the step panel -> the cell behind the panel says done in the DOM,
 *   and -> the next frame after that. Each click starts on an idle page (see `idle`).
 * - beside the wall-clock times, the main thread's CPU time over the same steps (Chrome's ThreadTime):
 *   what the work costs, whatever else runs on the machine.
 *
 * BENCH_FROZEN=1: the release instead has every one of its 50,000 steps done and is archived (its frozen
 * snapshot stored, FZ-01), and only the cold first render is measured (BENCH_COLD_RUNS times): what a
 * release manager waits for when opening last month's release (RM-07, RM-08). With
 * BENCH_REFERENCE_STATIC=<another build's dist-test> the same is seeded and measured with that build too,
 * served by a relay of its own (an origin of its own), the cold loads of the two builds taking turns.
 * With BENCH_FROZEN=1 it is also opened from the release list, in the app (the list loaded, then its link
 * clicked: click -> grid painted), BENCH_COLD_RUNS times: opening it where a person does.
 * BENCH_ARCHIVE=0 with BENCH_FROZEN=1: all done but not archived (opened from its stored copy and document).
 * BENCH_PORT=<n>: this build's relay listens on n, the reference's on n + 1 (default: any free loopback port).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { type Browser, type CDPSession, chromium, type Locator, type Page } from '@playwright/test';
import { benchChromium } from '../../scripts/bench-browser.mjs';
// matrix-bench.mjs compiles this file into bench/dist/matrix/ and points these two imports back here.
import { round, summary } from '../../scripts/bench-figures.mjs';
import { startRelay } from '../../scripts/bench-relay.mjs';

const CLUSTERS = 10;
const CUSTOMERS = 1000;
const DEPLOY_STEPS = 40;
const VERIFY_STEPS = 10;
const RENDER_RUNS = 10;
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);
const FROZEN = process.env.BENCH_FROZEN === '1';
const ARCHIVE = process.env.BENCH_ARCHIVE !== '0';
const MARK_DONE_RUNS = 40;

const root = join(import.meta.dirname, '..', '..');
// BENCH_PORT=n: this build's relay listens on n and the reference's on n + 1 (default: any free port).
const portOf = (offset: number): { PORT?: string } =>
  process.env.BENCH_PORT ? { PORT: String(Number(process.env.BENCH_PORT) + offset) } : {};
/** Clusters, 1,000 customers and an active release of 50 steps, through the test API; returns its id. */
async function seed(page: Page, frozen = false): Promise<{ releaseId: string; ms: number }> {
  await page.goto('/?bench=1');
  await page.waitForFunction(() => (window as { __runsheet?: unknown }).__runsheet !== undefined);
  return page.evaluate(
    async ({ clusters, customers, deploy, verify, frozen, archive }) => {
      type Result = { ok: boolean; value?: Record<string, string>; error?: { code: string } };
      const rs = (
        window as unknown as {
          __runsheet: {
            run(n: string, i: unknown): Promise<Result>;
            flush(): Promise<void>;
          };
        }
      ).__runsheet;
      const must = async (name: string, input: unknown) => {
        const r = await rs.run(name, input);
        if (!r.ok || !r.value) throw new Error(`${name}: ${r.error?.code}`);
        return r.value;
      };
      const start = performance.now();
      const clusterIds: string[] = [];
      for (let c = 0; c < clusters; c++) {
        clusterIds.push(
          (await must('createCluster', { name: `cluster-${String(c).padStart(2, '0')}` }))
            .clusterId as string,
        );
      }
      const customerIds: string[] = [];
      for (let i = 0; i < customers; i++) {
        const customer = await must('createCustomer', {
          clusterId: clusterIds[i % clusters],
          name: `Customer ${String(i).padStart(4, '0')}`,
          namespace: `customer-${i}-prod`,
          metadata: { tier: i % 3 === 0 ? 'gold' : 'standard' },
        });
        customerIds.push(customer.customerId as string);
      }
      const { releaseId } = await must('createRelease', {
        name: 'Bench release',
        type: 'release',
        versionNumber: 'v9.0.0',
      });
      const content = (n: number) =>
        `# step ${n} for {{customer.name}}\nkubectl --context {{cluster.name}} -n {{customer.namespace}} rollout restart deploy/app-${n}\nkubectl -n {{customer.namespace}} rollout status deploy/app-${n} --timeout=300s`;
      for (let t = 0; t < deploy + verify; t++) {
        await must('addTemplate', {
          releaseId,
          name: `Step ${String(t).padStart(2, '0')}`,
          category: t < deploy ? 'deploy' : 'verify',
          type: 'bash',
          content: content(t),
        });
      }
      await must('activateRelease', { releaseId });
      await rs.flush();
      if (frozen) {
        // Every step done, then archived: the release as it ends, opened from its snapshot.
        for (const [i, customerId] of customerIds.entries()) {
          for (const category of ['deploy', 'verify']) {
            await rs.run('bulkMarkDone', { releaseId, customerId, category });
          }
          if (i % 50 === 49) await rs.flush();
        }
        if (archive) await must('archiveRelease', { releaseId });
        await rs.flush();
      }
      return { releaseId: releaseId as string, ms: performance.now() - start };
    },
    {
      clusters: CLUSTERS,
      customers: CUSTOMERS,
      deploy: DEPLOY_STEPS,
      verify: VERIFY_STEPS,
      frozen,
      archive: ARCHIVE,
    },
  );
}

/**
 * Installed in every page before the app runs: records when the grid's first body cell appears (after
 * the frame that paints it), each time it appears anew.
 */
function watchGrid() {
  const w = window as unknown as { __gridAppeared: number[] };
  w.__gridAppeared = [];
  let present = false;
  const check = () => {
    const now = document.querySelector('[role="grid"] [data-pos="0:1"]') !== null;
    if (now && !present) requestAnimationFrame(() => w.__gridAppeared.push(performance.now()));
    present = now;
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
}

/** Waits for a grid appearance after `since` (page time) and returns when it was. */
async function gridAfter(page: Page, since: number): Promise<number> {
  const handle = await page.waitForFunction(
    (t) => (window as unknown as { __gridAppeared: number[] }).__gridAppeared.find((at) => at > t),
    since,
  );
  return (await handle.jsonValue()) as number;
}

/**
 * CPU time of the page's main thread so far (Chrome's `ThreadTime`), in ms. Unlike wall-clock time it
 * does not grow when other processes take the cores, so it shows what the work itself costs.
 */
async function threadTime(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'ThreadTime')?.value ?? Number.NaN) * 1000;
}

async function inAppRender(
  page: Page,
  cdp: CDPSession,
  releaseName: string,
): Promise<{ wall: number[]; cpu: number[] }> {
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RENDER_RUNS; i++) {
    await page.getByRole('link', { name: 'Dashboard', exact: true }).first().click();
    const link = page.getByTestId('active-releases').getByRole('link', { name: releaseName });
    const { wall, cpu: used } = await clickToGrid(page, cdp, link);
    times.push(wall);
    cpu.push(used);
  }
  return { wall: times, cpu };
}

/**
 * Waits for `link`, lets the page go idle, clicks it and times the click to the grid's appearance:
 * wall-clock and the page's main-thread CPU meanwhile.
 */
async function clickToGrid(
  page: Page,
  cdp: CDPSession,
  link: Locator,
): Promise<{ wall: number; cpu: number }> {
  await link.waitFor();
  await idle(page);
  // A new document starts its metrics again; enabling them twice is harmless.
  await cdp.send('Performance.enable');
  const cpuBefore = await threadTime(cdp);
  const start = await link.evaluate((a) => {
    const at = performance.now();
    (a as HTMLAnchorElement).click();
    return at;
  });
  const wall = (await gridAfter(page, start)) - start;
  return { wall, cpu: (await threadTime(cdp)) - cpuBefore };
}

async function coldRender(
  page: Page,
  cdp: CDPSession,
  path: string,
): Promise<{ wall: number[]; cpu: number[] }> {
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    await page.goto(path, { waitUntil: 'commit' });
    // performance.now() counts from this page's navigation start.
    times.push(await gridAfter(page, 0));
    // A new document starts its metrics again: ThreadTime is then the CPU of this load so far.
    await cdp.send('Performance.enable');
    cpu.push(await threadTime(cdp));
  }
  return { wall: times, cpu };
}

/**
 * Waits until the page has had nothing to do for a moment, so one measurement does not pay for the
 * projection writes and queries the previous one set off (a person reads before the next click).
 */
async function idle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let calm = 0;
        const wait = () =>
          requestIdleCallback(
            (deadline) => {
              calm = deadline.timeRemaining() > 40 ? calm + 1 : 0;
              if (calm >= 2) resolve();
              else wait();
            },
            { timeout: 1000 },
          );
        wait();
      }),
  );
}

async function markDone(
  page: Page,
  cdp: CDPSession,
): Promise<{ dom: number[]; frame: number[]; cpu: number[] }> {
  const dom: number[] = [];
  const frame: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < MARK_DONE_RUNS; i++) {
    // Different pending cells in the first screen: rows 0..9, customer columns 1..4 of the first cluster.
    const pos = `${i % 10}:${1 + Math.floor(i / 10)}`;
    const cell = page.locator(`[role="grid"] [data-pos="${pos}"]`);
    await cell.click();
    const button = page.locator('[role="dialog"] [data-action="step.markDone"]');
    await button.waitFor();
    await idle(page);
    const cpuBefore = await threadTime(cdp);
    const [toDom, toFrame] = await page.evaluate(
      (p) =>
        new Promise<[number, number]>((resolve, reject) => {
          const target = () => document.querySelector(`[role="grid"] [data-pos="${p}"]`);
          const grid = document.querySelector('[role="grid"]');
          const markDone = document.querySelector<HTMLButtonElement>(
            '[role="dialog"] [data-action="step.markDone"]',
          );
          if (!grid || !markDone) return reject(new Error('no grid or button'));
          let start = 0;
          const observer = new MutationObserver(() => {
            if (target()?.getAttribute('data-status') !== 'done') return;
            observer.disconnect();
            const domAt = performance.now();
            requestAnimationFrame(() => resolve([domAt - start, performance.now() - start]));
          });
          observer.observe(grid, { attributes: true, subtree: true, attributeFilter: ['data-status'] });
          start = performance.now();
          markDone.click();
        }),
      pos,
    );
    cpu.push((await threadTime(cdp)) - cpuBefore);
    dom.push(toDom);
    frame.push(toFrame);
    await page.keyboard.press('Escape');
    await page.locator('[role="dialog"]').waitFor({ state: 'detached' });
  }
  return { dom, frame, cpu };
}

/**
 * Opens the release from the archived release list, in the app: the list is loaded (a new page), then its
 * link clicked; click -> grid painted. The first open in each page, so the release route's code and the
 * release's stored copy are read as when a person opens it.
 */
async function openFromList(
  page: Page,
  cdp: CDPSession,
  path: string,
): Promise<{ wall: number[]; cpu: number[] }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    await page.goto('/releases?status=archived', { waitUntil: 'commit' });
    const link = page.getByRole('table', { name: 'Releases' }).locator(`a[href="${path}"]`).first();
    const timed = await clickToGrid(page, cdp, link);
    wall.push(timed.wall);
    cpu.push(timed.cpu);
  }
  return { wall, cpu };
}

/**
 * BENCH_FROZEN=1: cold first renders of the archived all-done release, with this build and (with
 * BENCH_REFERENCE_STATIC) another one, taking turns; each build has its own relay, origin and seed.
 */
async function frozenColdRenders(browser: Browser, url: string, page: Page) {
  const builds: { name: string; page: Page; cdp: CDPSession; path: string; seedMs: number }[] = [];
  const add = async (name: string, p: Page) => {
    const seeded = await seed(p, true);
    const cdp = await p.context().newCDPSession(p);
    await cdp.send('Performance.enable');
    const path = `/releases/${seeded.releaseId.slice('release:'.length)}`;
    builds.push({ name, page: p, cdp, path, seedMs: round(seeded.ms) });
  };
  await add('this', page);
  const reference = process.env.BENCH_REFERENCE_STATIC;
  let referenceServer: Awaited<ReturnType<typeof startRelay>> | null = null;
  let referenceDir: string | null = null;
  if (reference) {
    referenceDir = mkdtempSync(join(tmpdir(), 'runsheet-matrix-bench-ref-'));
    referenceServer = await startRelay({
      script: join(root, 'sync-server', 'dist', 'main.js'),
      env: { DATA_DIR: referenceDir, STATIC_DIR: reference, ...portOf(1) },
    });
    const context = await browser.newContext({
      baseURL: referenceServer.url,
      viewport: { width: 1440, height: 900 },
    });
    await context.addInitScript(watchGrid);
    await add('reference', await context.newPage());
  }
  try {
    const wall = new Map<string, number[]>(builds.map((b) => [b.name, []]));
    const cpu = new Map<string, number[]>(builds.map((b) => [b.name, []]));
    // BENCH_CPU_PROFILE=<file>: a CPU profile of this build's last cold load, up to the grid.
    const profileTo = process.env.BENCH_CPU_PROFILE;
    for (let i = 0; i < COLD_RUNS; i++) {
      for (const b of builds) {
        const profiling = profileTo && b.name === 'this' && i === COLD_RUNS - 1;
        if (profiling) {
          await b.cdp.send('Profiler.enable');
          await b.cdp.send('Profiler.setSamplingInterval', { interval: 200 });
          await b.cdp.send('Profiler.start');
        }
        await b.page.goto(b.path, { waitUntil: 'commit' });
        wall.get(b.name)?.push(await gridAfter(b.page, 0));
        if (profiling) {
          const { profile } = await b.cdp.send('Profiler.stop');
          writeFileSync(profileTo, JSON.stringify(profile));
        }
        await b.cdp.send('Performance.enable');
        cpu.get(b.name)?.push(await threadTime(b.cdp));
      }
    }
    const fromList = new Map<string, { wall: number[]; cpu: number[] }>();
    if (ARCHIVE) for (const b of builds) fromList.set(b.name, await openFromList(b.page, b.cdp, b.path));
    return {
      url,
      scenario: { customers: CUSTOMERS, steps: DEPLOY_STEPS + VERIFY_STEPS, done: 'all', archived: ARCHIVE },
      builds: builds.map((b) => ({
        build: b.name,
        seedMs: b.seedMs,
        firstRenderColdMs: wall.get(b.name),
        firstRenderCold: summary(wall.get(b.name) ?? []),
        firstRenderColdMainThreadCpu: summary(cpu.get(b.name) ?? []),
        ...(fromList.has(b.name) && {
          openFromListMs: fromList.get(b.name)?.wall.map(round),
          openFromList: summary(fromList.get(b.name)?.wall ?? []),
          openFromListMainThreadCpu: summary(fromList.get(b.name)?.cpu ?? []),
        }),
      })),
      loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
    };
  } finally {
    await referenceServer?.stop();
    if (referenceDir) rmSync(referenceDir, { recursive: true, force: true });
  }
}

async function main() {
  if (
    !existsSync(join(root, 'app', 'dist-test', 'index.html')) ||
    !existsSync(join(root, 'sync-server', 'dist', 'main.js'))
  ) {
    throw new Error(
      'Build first: pnpm --filter @runsheet/app build && pnpm --filter @runsheet/sync-server build',
    );
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'runsheet-matrix-bench-'));
  const server = await startRelay({
    script: join(root, 'sync-server', 'dist', 'main.js'),
    env: { DATA_DIR: dataDir, STATIC_DIR: join(root, 'app', 'dist-test'), ...portOf(0) },
  });
  const browser = await chromium.launch(benchChromium());
  try {
    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1440, height: 900 },
    });
    await context.addInitScript(watchGrid);
    const page = await context.newPage();
    if (FROZEN) {
      console.log(JSON.stringify(await frozenColdRenders(browser, server.url, page), null, 2));
      return;
    }
    const seeded = await seed(page);
    const releasePath = `/releases/${seeded.releaseId.slice('release:'.length)}`;

    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const inApp = await inAppRender(page, cdp, 'Bench release (v9.0.0)');
    const cold = await coldRender(page, cdp, releasePath);
    const updates = await markDone(page, cdp);
    const cells = await page.locator('[role="grid"] [role="gridcell"]').count();

    const report = {
      scenario: {
        clusters: CLUSTERS,
        customers: CUSTOMERS,
        steps: DEPLOY_STEPS + VERIFY_STEPS,
        cells: CUSTOMERS * (DEPLOY_STEPS + VERIFY_STEPS),
      },
      seedMs: round(seeded.ms),
      drawnGridCells: cells,
      firstRenderInApp: { first: round(inApp.wall[0] ?? Number.NaN), warm: summary(inApp.wall.slice(1)) },
      firstRenderInAppMainThreadCpu: summary(inApp.cpu.slice(1)),
      firstRenderCold: summary(cold.wall),
      firstRenderColdMainThreadCpu: summary(cold.cpu),
      markDoneToCell: summary(updates.dom),
      markDoneToNextFrame: summary(updates.frame),
      markDoneMainThreadCpu: summary(updates.cpu),
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model,
        memoryGb: Math.round(totalmem() / 2 ** 30),
        platform: `${platform()} ${arch()}`,
        node: process.version,
        chromium: browser.version(),
        loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
      },
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
