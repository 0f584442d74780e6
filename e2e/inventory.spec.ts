import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { axeViolations as violations } from './support/axe';
import { command, openWithTestApi } from './support/catalog';

const part = (id: string) => id.slice(id.indexOf(':') + 1);

/**
 * prod-eu: Acme, Beta; prod-us: Cobalt. Release v2.5.0 (type release, two steps) for all three: Acme
 * done, Beta half way, Cobalt not started. Real IndexedDB and the app's own commands.
 */
async function seed(page: Page) {
  await openWithTestApi(page, '/');
  const cluster = async (name: string) =>
    ((await command(page, 'createCluster', { name })) as { clusterId: string }).clusterId;
  const customer = async (clusterId: string, name: string) =>
    (
      (await command(page, 'createCustomer', { clusterId, name, namespace: name.toLowerCase() })) as {
        customerId: string;
      }
    ).customerId;
  const eu = await cluster('prod-eu');
  const us = await cluster('prod-us');
  const acme = await customer(eu, 'Acme');
  const beta = await customer(eu, 'Beta');
  const cobalt = await customer(us, 'Cobalt');
  const { releaseId } = (await command(page, 'createRelease', {
    name: 'Spring',
    type: 'release',
    versionNumber: 'v2.5.0',
  })) as { releaseId: string };
  const templates: string[] = [];
  for (const name of ['Deploy', 'Migrate']) {
    const { templateId } = (await command(page, 'addTemplate', {
      releaseId,
      name,
      category: 'deploy',
      type: 'text',
      content: name,
    })) as { templateId: string };
    templates.push(templateId);
  }
  await command(page, 'activateRelease', { releaseId });
  const done = (customerId: string, template: number) =>
    command(page, 'markDone', {
      releaseId,
      stepId: `step:${part(customerId)}.${part(templates[template]!)}`,
    });
  await done(acme, 0);
  await done(acme, 1);
  await done(beta, 0);
  return { eu, us, acme, beta, cobalt, done };
}

const rows = (page: Page) => page.getByTestId('inventory-row');
const row = (page: Page, name: string) => rows(page).filter({ hasText: name });

test('the inventory says what runs where, follows progress, filters by cluster and behind, and exports CSV', async ({
  page,
}) => {
  const { beta, done } = await seed(page);
  // The nav entry leads there.
  await page
    .getByRole('navigation', { name: /main|primary/i })
    .getByRole('link', { name: 'Inventory' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inventory' })).toBeVisible();
  await expect(rows(page)).toHaveCount(3);
  await expect(page.getByTestId('inventory-summary')).toHaveText('3 customers; newest release: v2.5.0');
  await expect(row(page, 'Acme')).toContainText('v2.5.0');
  await expect(row(page, 'Acme')).toContainText('Up to date');
  await expect(row(page, 'Beta')).toContainText('v2.5.0: 50 % (1 of 2 steps)');
  await expect(row(page, 'Beta')).toContainText('1 release behind');
  await expect(row(page, 'Cobalt')).toContainText('prod-us / cobalt');

  // Only those behind, by keyboard.
  await page.getByLabel('Only customers behind the newest release').focus();
  await page.keyboard.press('Space');
  await expect(rows(page)).toHaveCount(2);
  await expect(page).toHaveURL(/behind=true/);
  // Beta completes: it runs v2.5.0 and leaves the "behind" list at once.
  await done(beta, 1);
  await expect(rows(page)).toHaveCount(1);
  await expect(row(page, 'Cobalt')).toBeVisible();

  // By cluster (the menu of checkboxes).
  await page.getByLabel('Only customers behind the newest release').uncheck();
  await page.getByTestId('cluster-filter').click();
  await page.getByRole('menuitemcheckbox', { name: 'prod-eu' }).click();
  await page.keyboard.press('Escape');
  await expect(rows(page)).toHaveCount(2);
  await expect(row(page, 'Beta')).toContainText('Up to date');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const file = await (await download).path();
  const lines = (await readFile(file, 'utf8')).trim().split('\r\n');
  expect(lines).toEqual([
    'cluster,customer,namespace,runs,hotfixes,in_progress,in_progress_percent,behind',
    'prod-eu,Acme,acme,v2.5.0,,,,0',
    'prod-eu,Beta,beta,v2.5.0,,,,0',
  ]);
});

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });
    test('the inventory page and its cluster menu have no axe violations', async ({ page }) => {
      await seed(page);
      await page.goto('/inventory');
      await expect(rows(page)).toHaveCount(3);
      expect(await violations(page)).toEqual([]);
      await page.getByTestId('cluster-filter').click();
      await expect(page.getByRole('menuitemcheckbox', { name: 'prod-us' })).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });
  });
}
