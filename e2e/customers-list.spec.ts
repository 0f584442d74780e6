import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { command, openWithTestApi, seedRelease } from './support/catalog';

/**
 * Three clusters, six customers, one active release with different progress per customer, made through
 * the domain commands (see support/catalog.ts). Names are chosen so that every sort gives another order.
 */
async function seedCatalog(page: Page) {
  await openWithTestApi(page, '/customers');
  const cluster = async (name: string) =>
    ((await command(page, 'createCluster', { name })) as { clusterId: string }).clusterId;
  const customer = async (clusterId: string, name: string, namespace: string) =>
    ((await command(page, 'createCustomer', { clusterId, name, namespace })) as { customerId: string })
      .customerId;
  const eu = await cluster('prod-eu');
  const us = await cluster('prod-us');
  const ap = await cluster('ap-south');
  const ids = {
    zeta: await customer(eu, 'Zeta', 'zeta-prod'),
    alpha: await customer(eu, 'alpha', 'alpha-prod'),
    mike: await customer(us, 'Mike', 'mike-prod'),
    bravo: await customer(us, 'Bravo', 'bravo-prod'),
    kilo: await customer(ap, 'Kilo', 'kilo-prod'),
    yankee: await customer(ap, 'Yankee', 'yankee-prod'),
  };
  // Progress (of 4 steps): Mike 100, alpha 75, Kilo 50, Zeta 25, Bravo 0; Yankee is in no release.
  const { yankee: _notInRelease, ...inRelease } = ids;
  await seedRelease(page, {
    name: 'v3.0.0',
    templates: ['a', 'b', 'c', 'd'],
    customerIds: Object.values(inRelease),
    done: { [ids.mike]: 4, [ids.alpha]: 3, [ids.kilo]: 2, [ids.zeta]: 1 },
  });
  return { eu, us, ap, ids };
}

test('FM-004 / BR-C03 customers are grouped by cluster, both sorted by name ignoring case', async ({
  page,
  customers,
}) => {
  await seedCatalog(page);
  await customers.goto();
  await expect(customers.groupHeadings()).toHaveText([
    'ap-south (2 customers)',
    'prod-eu (2 customers)',
    'prod-us (2 customers)',
  ]);
  await customers.expectRows(['Kilo', 'Yankee', 'alpha', 'Zeta', 'Bravo', 'Mike']);
  await expect(customers.count).toHaveText('6 customers');
});

test('FM-006 sorting by name, cluster and progress, each reversible, is kept in the URL', async ({
  page,
  customers,
}) => {
  await seedCatalog(page);
  await customers.goto();

  await customers.chooseSort('Name');
  await expect(page).toHaveURL(/sort=name/);
  await customers.expectRows(['alpha', 'Bravo', 'Kilo', 'Mike', 'Yankee', 'Zeta']);
  await expect(customers.groupHeadings()).toHaveCount(0);
  await customers.reverseOrder.click();
  await expect(customers.reverseOrder).toHaveAttribute('aria-pressed', 'true');
  await customers.expectRows(['Zeta', 'Yankee', 'Mike', 'Kilo', 'Bravo', 'alpha']);

  // Progress: least done first; a customer in no active release is last either way.
  await customers.chooseSort('Progress');
  await customers.expectRows(['Mike', 'alpha', 'Kilo', 'Zeta', 'Bravo', 'Yankee']);
  await customers.reverseOrder.click();
  await customers.expectRows(['Bravo', 'Zeta', 'Kilo', 'alpha', 'Mike', 'Yankee']);
  await expect(customers.row('Mike').getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  await expect(customers.row('Yankee')).toContainText('no active release');

  // The choice survives a reload (it is in the URL).
  await page.reload();
  await customers.expectLoaded();
  await expect(customers.sortBy('Progress')).toBeChecked();
  await customers.expectRows(['Bravo', 'Zeta', 'Kilo', 'alpha', 'Mike', 'Yankee']);

  await customers.chooseSort('Cluster');
  await expect(page).not.toHaveURL(/sort=/);
  await customers.expectRows(['Kilo', 'Yankee', 'alpha', 'Zeta', 'Bravo', 'Mike']);
});

test('the sort can be chosen with the arrow keys', async ({ page, customers }) => {
  await seedCatalog(page);
  await customers.goto();
  await customers.sortBy('Cluster').focus();
  await page.keyboard.press('ArrowRight');
  await expect(customers.sortBy('Name')).toBeChecked();
  await expect(customers.sortBy('Name')).toBeFocused();
  await customers.expectRows(['alpha', 'Bravo', 'Kilo', 'Mike', 'Yankee', 'Zeta']);
});

test('FM-006 filtering by one or more clusters is kept in the URL and survives a reload', async ({
  page,
  customers,
}) => {
  const { eu, ap } = await seedCatalog(page);
  await customers.goto();
  await customers.filterByClusters('prod-eu', 'ap-south');
  await expect(customers.clusterFilter).toHaveAccessibleName('Filter by cluster: 2 clusters');
  await customers.expectRows(['Kilo', 'Yankee', 'alpha', 'Zeta']);
  await expect(customers.count).toHaveText('4 of 6 customers');
  const url = new URL(page.url());
  expect(JSON.parse(url.searchParams.get('clusters') ?? '[]')).toEqual([eu, ap]);

  await page.reload();
  await customers.expectLoaded();
  await customers.expectRows(['Kilo', 'Yankee', 'alpha', 'Zeta']);

  // A hand-typed link with one cluster works too, and junk in the URL is ignored.
  await page.goto(`/customers?clusters=${encodeURIComponent(eu)}&sort=sideways`);
  await customers.expectRows(['alpha', 'Zeta']);
  await expect(customers.clusterFilter).toHaveAccessibleName('Filter by cluster: prod-eu');

  await customers.clusterFilter.click();
  await page.getByRole('menuitem', { name: 'All clusters' }).click();
  await customers.expectRows(['Kilo', 'Yankee', 'alpha', 'Zeta', 'Bravo', 'Mike']);
  await expect(page).not.toHaveURL(/clusters=/);
});

test('the cluster filter works from the keyboard', async ({ page, customers }) => {
  await seedCatalog(page);
  await customers.goto();
  await customers.clusterFilter.focus();
  await page.keyboard.press('Enter');
  const item = page.getByRole('menuitemcheckbox', { name: 'prod-us' });
  await expect(page.getByRole('menu')).toBeVisible();
  for (let step = 0; step < 6 && !(await item.evaluate((el) => el === document.activeElement)); step++) {
    await page.keyboard.press('ArrowDown');
  }
  await expect(item).toBeFocused();
  await page.keyboard.press('Space');
  await expect(item).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Escape');
  await expect(customers.clusterFilter).toBeFocused();
  await customers.expectRows(['Bravo', 'Mike']);
});

test('filtering by text finds a name or namespace, says when nothing matches, and clears', async ({
  page,
  customers,
}) => {
  await seedCatalog(page);
  await customers.goto();
  await customers.filterText.fill('PROD');
  await expect(customers.count).toHaveText('6 of 6 customers');
  await customers.filterText.fill('kilo-p');
  await customers.expectRows(['Kilo']);
  await expect(page).toHaveURL(/q=kilo-p/);
  await customers.filterText.fill('nobody');
  await expect(customers.emptyState).toHaveText('No customers match “nobody”');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(customers.filterText).toHaveValue('');
  await expect(customers.rows).toHaveCount(6);
});

test('a customer row leads to its detail page and its edit form', async ({ page, customers }) => {
  await seedCatalog(page);
  await customers.goto();
  await customers.row('Bravo').getByRole('link', { name: 'Edit Bravo' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit Bravo' })).toBeVisible();
  await page.goBack();
  await customers
    .row('Bravo')
    .getByRole('link', { name: /^Bravo/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bravo' })).toBeVisible();
  await expect(page.getByRole('main').locator('[data-customer-context]').first()).toHaveAttribute(
    'data-customer-context',
    'prod-us / bravo-prod',
  );
});
