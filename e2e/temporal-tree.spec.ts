import { expect, test } from '@playwright/test';
import { type Harness, harness, RUN } from '../sync-server/test-temporal/fixtures/harness';
import { type RunningWorker, startWorker } from '../sync-server/test-temporal/fixtures/worker';

// Runs only from scripts/temporal.mjs, which starts a Temporal dev server (see playwright.config.ts).
const address = process.env.E2E_TEMPORAL_ADDRESS ?? '';

test.describe('Temporal releases in the app @temporal', () => {
  let worker: RunningWorker;
  let h: Harness;
  const live = `${RUN}-ui`;
  const big = `${RUN}-ui-big`;

  test.beforeAll(async () => {
    worker = await startWorker(address);
    h = await harness(address);
    await h.start(`wf-${live}`, {
      releaseId: live,
      waves: 2,
      clustersPerWave: 1,
      bundlesPerCluster: 1,
      appsPerBundle: 4,
      tickMs: 700,
      holdMs: 120_000,
    });
    // 1 + 8 + 24 + 72 + 864 = 969 entities: the tree must stay virtualised.
    await h.start(`wf-${big}`, {
      releaseId: big,
      waves: 8,
      clustersPerWave: 3,
      bundlesPerCluster: 3,
      appsPerBundle: 12,
      tickMs: 60_000,
      maxTransitions: 0,
      holdMs: 120_000,
    });
  });
  test.afterAll(async () => {
    await worker?.stop();
    await h?.close();
  });

  test.beforeEach(async ({ page }) => {
    // A fresh server: create the admin (this also signs the browser context in).
    const setup = await page.request.get('/api/setup');
    if ((await setup.json()).setupRequired) {
      await page.request.post('/api/setup', { data: { username: 'ada', password: 'correct horse battery' } });
    } else {
      await page.request.post('/api/auth/login', {
        data: { username: 'ada', password: 'correct horse battery' },
      });
    }
  });

  test('lists Temporal releases beside tracked ones, and the tree updates live', async ({ page }) => {
    await page.goto('/releases');
    const section = page.getByTestId('temporal-releases');
    const link = section.getByRole('link', { name: `release:${live}`, exact: true });
    await expect(link).toBeVisible({ timeout: 15_000 });
    await expect(section.getByText('Temporal').first()).toBeVisible();
    await link.click();
    await expect(page).toHaveURL(new RegExp(`/temporal/release(:|%3A)${live}$`));
    await expect(page.getByRole('heading', { level: 1, name: `release:${live}` })).toBeVisible();

    const tree = page.getByRole('tree', { name: `Hierarchy of release:${live}` });
    const lastApp = tree.locator(`[data-entity-id="app:${live}-w2-c1-b1-a4"]`);
    await expect(lastApp).toHaveAttribute('aria-level', '5');
    await expect(lastApp.getByTestId('entity-state')).toHaveText('pending');
    // No reload: the marker survives while the state changes.
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 1;
    });
    const firstApp = tree.locator(`[data-entity-id="app:${live}-w1-c1-b1-a1"]`);
    await expect(firstApp.getByTestId('entity-state')).toHaveText('deployed', { timeout: 10_000 });
    await expect(
      tree.locator(`[data-entity-id="app:${live}-w1-c1-b1-a2"]`).getByTestId('entity-state'),
    ).toHaveText(/deploying|deployed/, { timeout: 5_000 });
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
  });

  test('renders a 969-entity hierarchy virtualised, with keyboard navigation', async ({ page }) => {
    await page.goto(`/temporal/release:${big}`);
    const tree = page.getByRole('tree', { name: `Hierarchy of release:${big}` });
    await expect(tree).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText('969 entities')).toBeVisible();
    expect(await tree.getByRole('treeitem').count()).toBeLessThan(100);
    await tree.getByRole('treeitem').first().focus();
    await page.keyboard.press('End');
    await expect(page.locator(`[data-entity-id="app:${big}-w8-c3-b3-a12"]`)).toBeFocused();
    await page.keyboard.press('Home');
    // Right on the open release: to its first wave; Left there: closes the wave (the release stays open).
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    await expect(tree.getByRole('treeitem').nth(1)).toHaveAttribute('aria-expanded', 'false');
    await expect(tree.getByRole('treeitem').first()).toHaveAttribute('aria-expanded', 'true');
    // Left on a closed wave: back to the release; Left again: closes it.
    await page.keyboard.press('ArrowLeft');
    await expect(tree.getByRole('treeitem').first()).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(tree.getByRole('treeitem').first()).toHaveAttribute('aria-expanded', 'false');
    expect(await tree.getByRole('treeitem').count()).toBe(1);
  });

  test('says clearly when a release does not exist or the id is malformed', async ({ page }) => {
    await page.goto('/temporal/release:nowhere');
    await expect(page.getByRole('heading', { name: 'No Temporal release "release:nowhere"' })).toBeVisible({
      timeout: 15_000,
    });
    await page.goto('/temporal/banana');
    await expect(page.getByRole('heading', { name: 'That is not a Temporal release id' })).toBeVisible();
  });
});
