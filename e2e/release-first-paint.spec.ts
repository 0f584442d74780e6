import { expect, test } from './fixtures';
import { defineSpec, runCommand, seedRelease, stepIdOf } from './support/seed';

// RM-08: what follows a release page's first paint never holds it back. The release's first progress
// count (over 100 ms for a finished release of 50,000 steps) is made in a render of its own, after the
// render that draws the matrix's cells; it used to be made in the same render (docs/BENCHMARKS.md, "The
// frozen first paint in the app").

const SPEC = defineSpec({
  clusters: ['prod-eu', 'prod-us'],
  customers: [
    { key: 'acme', name: 'Acme', namespace: 'acme', cluster: 'prod-eu' },
    { key: 'beta', name: 'Beta', namespace: 'beta', cluster: 'prod-us' },
  ],
  templates: [
    { key: 'migrate', name: 'Migrate', category: 'deploy', type: 'text', content: 'Migrate' },
    { key: 'check', name: 'Check health', category: 'verify', type: 'text', content: 'Check' },
  ],
});

test('RM-08 a cold load of a release page draws the matrix cells before the first progress count', async ({
  page,
}) => {
  const s = await seedRelease(page, SPEC);
  const acme = s.customers.acme;
  const migrate = s.templates.migrate;
  if (!acme || !migrate) throw new Error('not seeded');
  await runCommand(page, 'markDone', { releaseId: s.releaseId, stepId: stepIdOf(acme, migrate) });

  // Which DOM change (numbered in order) first held a matrix cell, and which the overall progress.
  await page.addInitScript(() => {
    const order = { changes: 0, grid: 0, progress: 0 };
    (window as unknown as { __firstPaintOrder: typeof order }).__firstPaintOrder = order;
    new MutationObserver(() => {
      order.changes += 1;
      if (!order.grid && document.querySelector('[role="grid"] [data-pos="0:1"]')) order.grid = order.changes;
      if (!order.progress && document.querySelector('[role="progressbar"][aria-label="Overall progress"]'))
        order.progress = order.changes;
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`/releases/${s.releaseId}`);
  await expect(page.getByRole('progressbar', { name: 'Overall progress' })).toBeVisible();
  await expect(page.getByRole('grid').locator('[data-pos="0:1"]')).toBeVisible();
  const order = await page.evaluate(
    () => (window as unknown as { __firstPaintOrder: { grid: number; progress: number } }).__firstPaintOrder,
  );
  expect(order.grid, 'a matrix cell was drawn').toBeGreaterThan(0);
  expect(order.progress, 'the progress came in a later change than the first cells').toBeGreaterThan(
    order.grid,
  );
});

// RM-09: an archived release paints its matrix from its stored copy's packed step states; none of its
// step objects is built before the first cells are drawn (the performance mark below is set when they
// are: after the paint, for the progress count or by the read model once the page is idle).
test('RM-09 a cold load of an archived release draws the matrix before any step state is built', async ({
  page,
}) => {
  const s = await seedRelease(page, SPEC);
  const acme = s.customers.acme;
  const migrate = s.templates.migrate;
  if (!acme || !migrate) throw new Error('not seeded');
  await runCommand(page, 'markDone', { releaseId: s.releaseId, stepId: stepIdOf(acme, migrate) });
  await runCommand(page, 'archiveRelease', { releaseId: s.releaseId });

  // When (page time) a matrix cell was first in the DOM.
  await page.addInitScript(() => {
    const w = window as unknown as { __gridAt: number };
    w.__gridAt = 0;
    new MutationObserver(() => {
      if (!w.__gridAt && document.querySelector('[role="grid"] [data-pos="0:1"]'))
        w.__gridAt = performance.now();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`/releases/${s.releaseId}`);
  await expect(page.getByRole('grid').locator('[data-pos="0:1"]')).toBeVisible();
  // The progress is counted after the paint, from the step states: they are built by then.
  await expect(page.getByRole('progressbar', { name: 'Overall progress' })).toBeVisible();
  const { gridAt, builtAt } = await page.evaluate(() => ({
    gridAt: (window as unknown as { __gridAt: number }).__gridAt,
    builtAt: performance.getEntriesByName('runsheet:step-states-built').map((e) => e.startTime),
  }));
  expect(gridAt, 'a matrix cell was drawn').toBeGreaterThan(0);
  expect(builtAt.length, 'the stored copy was read with its step states packed').toBeGreaterThan(0);
  expect(Math.min(...builtAt), 'step states were built only after the first cells').toBeGreaterThan(gridAt);
});
