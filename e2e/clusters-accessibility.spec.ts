import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ClusterDetailPage, ClusterFormPage, CustomerDetailPage, CustomerFormPage } from './pages';
import { axeViolations as violations } from './support/axe';
import { command, openWithTestApi, seedRelease } from './support/catalog';

/** Two clusters (one archived), three customers (one archived), an active release with progress. */
async function seed(page: Page) {
  await openWithTestApi(page, '/clusters');
  const cluster = async (name: string, extra: Record<string, unknown> = {}) =>
    ((await command(page, 'createCluster', { name, ...extra })) as { clusterId: string }).clusterId;
  const customer = async (clusterId: string, name: string, namespace: string) =>
    ((await command(page, 'createCustomer', { clusterId, name, namespace })) as { customerId: string })
      .customerId;
  const eu = await cluster('prod-eu', { kubeconfigPath: '~/.kube/eu', metadata: { region: 'eu-west-1' } });
  const us = await cluster('prod-us', { kubeconfigPath: '~/.kube/us' });
  const old = await cluster('legacy');
  await command(page, 'archiveCluster', { clusterId: old });
  const acme = await customer(eu, 'Acme', 'acme');
  const beta = await customer(eu, 'Beta', 'beta');
  const gone = await customer(us, 'Gone', 'gone');
  await seedRelease(page, { name: 'v2.5.0', templates: ['a', 'b', 'c'], done: { [acme]: 2, [beta]: 3 } });
  await command(page, 'archiveCustomer', { customerId: gone });
  return { eu, us, acme };
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test('the clusters list, also with a refusal shown, has no axe violations', async ({
      page,
      clusters,
    }) => {
      await seed(page);
      await clusters.goto();
      await expect(clusters.cards).toHaveCount(2);
      await clusters.openArchived();
      await expect(clusters.archived('legacy')).toBeVisible();
      expect(await violations(page)).toEqual([]);
      await clusters.archiveButton('prod-eu').click();
      await expect(clusters.card('prod-eu').getByRole('alert')).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });

    test('a cluster page with its customers in the active release has no axe violations', async ({
      page,
    }) => {
      const { eu } = await seed(page);
      await page.goto(`/clusters/${eu}`);
      const detail = new ClusterDetailPage(page, 'prod-eu');
      await detail.expectLoaded();
      await expect(detail.progress('Beta', 'v2.5.0')).toHaveAttribute('aria-valuenow', '100');
      expect(await violations(page)).toEqual([]);
    });

    test('the cluster form with refusals beside its fields has no axe violations', async ({ page }) => {
      const { eu } = await seed(page);
      await page.goto(`/clusters/${eu}/edit`);
      const form = ClusterFormPage.edit(page, 'prod-eu');
      await form.expectLoaded();
      await form.form.addMetadata('9bad', 'x');
      await form.saveButton.click();
      await form.form.expectFieldError(form.form.metadataKey(2), /Metadata keys start with a letter/);
      expect(await violations(page)).toEqual([]);
      await form.name.fill('PROD-US');
      await form.form.metadataKey(2).fill('zone');
      await form.saveButton.click();
      await form.expectNameError(/Another cluster already has this name/);
      expect(await violations(page)).toEqual([]);
    });

    test('the customers list and its cluster filter menu have no axe violations', async ({
      page,
      customers,
    }) => {
      await seed(page);
      await customers.goto();
      await customers.showArchived.check();
      await customers.chooseSort('Progress');
      await expect(customers.rows).toHaveCount(3);
      await expect(customers.rows.last()).toContainText('Beta');
      expect(await violations(page)).toEqual([]);
      await customers.clusterFilter.click();
      await expect(page.getByRole('menu')).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });

    test('a customer page and its move dialog have no axe violations', async ({ page }) => {
      const { acme } = await seed(page);
      await page.goto(`/customers/${acme}`);
      const detail = new CustomerDetailPage(page, 'Acme');
      await detail.expectLoaded();
      await expect(detail.releaseHistory).toHaveCount(1);
      expect(await violations(page)).toEqual([]);
      await detail.moveButton.click();
      await detail.moveDialog.getByRole('combobox', { name: 'Cluster' }).click();
      await page.getByRole('option', { name: /^prod-us/ }).click();
      await expect(detail.moveDialog.getByTestId('move-warning')).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });

    test('the customer form with a live namespace reason has no axe violations', async ({ page }) => {
      await seed(page);
      const form = new CustomerFormPage(page);
      await form.goto();
      await form.fill({ name: 'Zulu', cluster: 'prod-eu', namespace: 'Not_Valid' });
      await form.form.expectFieldError(form.namespace, /must be a Kubernetes name/);
      expect(await violations(page)).toEqual([]);
    });
  });
}
