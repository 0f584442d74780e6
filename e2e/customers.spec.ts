import { expect, test } from './fixtures';
import { ClusterDetailPage, CustomerDetailPage, CustomerFormPage } from './pages';
import { literalRe } from './pages/text';
import { command, createCluster, createCustomer, openWithTestApi, seedRelease } from './support/catalog';

const NAMESPACE_INVALID =
  'A namespace must be a Kubernetes name: lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters.';
const NAMESPACE_TAKEN = 'Another active customer in this cluster already uses this namespace.';

test('FM-001 a customer is created on a cluster and shown with its cluster and namespace everywhere', async ({
  page,
  customers,
  newCustomer,
}) => {
  await createCluster(page, { name: 'prod-eu', kubeconfigPath: '~/.kube/prod-eu' });
  await createCluster(page, { name: 'prod-us' });
  await customers.goto();
  await customers.newCustomerButton.click();
  await newCustomer.expectLoaded();
  await newCustomer.fill({
    name: 'Acme Corp',
    cluster: 'prod-eu',
    namespace: 'acme-prod',
    description: 'Gold customer',
    metadata: { tier: 'gold' },
  });
  await newCustomer.createButton.click();

  const detail = new CustomerDetailPage(page, 'Acme Corp');
  await detail.expectLoaded();
  await expect(detail.context).toHaveAttribute('data-customer-context', 'prod-eu / acme-prod');
  await expect(detail.detail('Cluster')).toHaveText('prod-eu');
  await expect(detail.detail('Kubeconfig path')).toHaveText('~/.kube/prod-eu');
  await expect(detail.detail('Namespace')).toHaveText('acme-prod');
  await expect(detail.detail('tier')).toHaveText('gold');
  await expect(detail.releaseHistory).toHaveCount(0);
  await expect(page.getByText('Not part of any release yet.')).toBeVisible();

  await customers.goto();
  expect(await customers.rowContexts()).toEqual(['prod-eu / acme-prod']);
  await expect(customers.row('Acme Corp')).toContainText('(prod-eu / acme-prod)');
  await expect(customers.groupHeadings()).toHaveText(['prod-eu (1 customer)']);
});

test('VA-01 an invalid namespace is explained beside the field as it is typed; a refused save keeps everything', async ({
  page,
  newCustomer,
}) => {
  await createCluster(page, { name: 'prod-eu' });
  await newCustomer.goto();
  await newCustomer.fill({
    name: 'Beta GmbH',
    namespace: 'Beta_Prod',
    description: 'kept after the refusal',
    metadata: { tier: 'silver' },
  });
  // Live: the reason shows before anything is saved.
  await newCustomer.form.expectFieldError(newCustomer.namespace, literalRe(NAMESPACE_INVALID));

  await newCustomer.createButton.click();
  await newCustomer.form.expectFieldError(newCustomer.namespace, literalRe(NAMESPACE_INVALID));
  await expect(newCustomer.heading).toBeVisible();
  await expect(newCustomer.name).toHaveValue('Beta GmbH');
  await expect(newCustomer.namespace).toHaveValue('Beta_Prod');
  await expect(newCustomer.cluster).toContainText('prod-eu');
  await expect(newCustomer.description).toHaveValue('kept after the refusal');
  await expect(newCustomer.form.metadataValue(1)).toHaveValue('silver');

  // Too long is refused too (64 characters); 63 is fine.
  await newCustomer.namespace.fill('a'.repeat(64));
  await newCustomer.form.expectFieldError(newCustomer.namespace, literalRe(NAMESPACE_INVALID));
  await newCustomer.namespace.fill('a'.repeat(63));
  await newCustomer.form.expectNoFieldError(newCustomer.namespace);
  await newCustomer.namespace.fill('beta-prod');
  await newCustomer.createButton.click();
  const detail = new CustomerDetailPage(page, 'Beta GmbH');
  await detail.expectLoaded();
  await expect(detail.detail('Namespace')).toHaveText('beta-prod');
});

test('BR-M01 a namespace taken in the cluster is refused beside the field; another cluster may use it', async ({
  page,
  newCustomer,
}) => {
  await createCluster(page, { name: 'prod-eu' });
  await createCluster(page, { name: 'prod-us' });
  await createCustomer(page, { name: 'Acme EU', cluster: 'prod-eu', namespace: 'acme' });

  await newCustomer.goto();
  await newCustomer.fill({ name: 'Acme again', cluster: 'prod-eu', namespace: 'acme' });
  await newCustomer.form.expectFieldError(newCustomer.namespace, literalRe(NAMESPACE_TAKEN));
  await newCustomer.createButton.click();
  await newCustomer.form.expectFieldError(newCustomer.namespace, literalRe(NAMESPACE_TAKEN));
  await expect(newCustomer.name).toHaveValue('Acme again');

  await newCustomer.chooseCluster('prod-us');
  await newCustomer.form.expectNoFieldError(newCustomer.namespace);
  await newCustomer.createButton.click();
  const detail = new CustomerDetailPage(page, 'Acme again');
  await detail.expectLoaded();
  await expect(detail.context).toHaveAttribute('data-customer-context', 'prod-us / acme');
});

test('BR-M02 moving a customer names the old and new kube context before anything moves', async ({
  page,
}) => {
  await createCluster(page, { name: 'prod-eu', kubeconfigPath: '~/.kube/prod-eu-config' });
  await createCluster(page, {
    name: 'prod-us',
    kubeconfigPath: '~/.kube/prod-us-config',
    metadata: { context: 'arn:aws:eks:us-east-1:1:cluster/prod' },
  });
  await createCustomer(page, { name: 'Other', cluster: 'prod-us', namespace: 'acme' });
  await createCustomer(page, { name: 'Acme', cluster: 'prod-eu', namespace: 'acme' });
  const detail = new CustomerDetailPage(page, 'Acme');

  await detail.moveButton.click();
  const dialog = detail.moveDialog;
  await expect(dialog).toBeVisible();
  await dialog.getByRole('combobox', { name: 'Cluster' }).click();
  await page.getByRole('option', { name: /^prod-us/ }).click();
  // The namespace is taken there (BR-M01): the reason sits beside the namespace, and Move waits.
  const namespace = dialog.getByRole('textbox', { name: 'Namespace on the new cluster' });
  await expect(namespace).toHaveAccessibleDescription(literalRe(NAMESPACE_TAKEN));
  await expect(dialog.getByRole('button', { name: /^Move/ })).toBeDisabled();

  await namespace.fill('acme-us');
  const warning = dialog.getByTestId('move-warning');
  await expect(warning).toContainText(
    'Kube context changes from prod-eu (~/.kube/prod-eu-config) to prod-us (~/.kube/prod-us-config, context arn:aws:eks:us-east-1:1:cluster/prod).',
  );
  await expect(warning.getByRole('row', { name: /Namespace/ })).toContainText('acme');
  await expect(warning.getByRole('row', { name: /Namespace/ })).toContainText('acme-us');
  await dialog.getByRole('button', { name: 'Move to prod-us' }).click();

  await expect(dialog).toBeHidden();
  await expect(detail.context).toHaveAttribute('data-customer-context', 'prod-us / acme-us');
  await expect(detail.detail('Kubeconfig path')).toHaveText('~/.kube/prod-us-config');
});

test('BR-M02 choosing another cluster in the edit form asks to confirm the move, and Cancel keeps the form', async ({
  page,
}) => {
  await createCluster(page, { name: 'prod-eu', kubeconfigPath: '~/.kube/eu' });
  await createCluster(page, { name: 'prod-ap', kubeconfigPath: '~/.kube/ap' });
  await createCustomer(page, { name: 'Cobalt', cluster: 'prod-eu', namespace: 'cobalt' });
  const detail = new CustomerDetailPage(page, 'Cobalt');
  await detail.editLink.click();
  const form = CustomerFormPage.edit(page, 'Cobalt');
  await form.expectLoaded();
  await form.name.fill('Cobalt Ltd');
  await form.chooseCluster('prod-ap');
  await expect(form.cluster).toHaveAccessibleDescription(/Saving moves it from prod-eu to prod-ap/);
  await form.saveButton.click();

  await expect(form.moveDialog).toBeVisible();
  await expect(form.moveDialog).toContainText(
    'Kube context changes from prod-eu (~/.kube/eu) to prod-ap (~/.kube/ap).',
  );
  await form.moveDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(form.moveDialog).toBeHidden();
  await expect(form.name).toHaveValue('Cobalt Ltd');

  await form.saveButton.click();
  await form.moveDialog.getByRole('button', { name: 'Move to prod-ap' }).click();
  const moved = new CustomerDetailPage(page, 'Cobalt Ltd');
  await moved.expectLoaded();
  await expect(moved.context).toHaveAttribute('data-customer-context', 'prod-ap / cobalt');
});

test('BR-M03 an archived customer keeps its release history and can be restored', async ({
  page,
  customers,
}) => {
  await openWithTestApi(page);
  const { clusterId } = (await command(page, 'createCluster', { name: 'prod-eu' })) as { clusterId: string };
  const { customerId } = (await command(page, 'createCustomer', {
    clusterId,
    name: 'Delta',
    namespace: 'delta',
  })) as { customerId: string };
  await seedRelease(page, { name: 'Hotfix 7', templates: ['a', 'b', 'c', 'd'], done: { [customerId]: 2 } });

  await page.goto(`/customers/${customerId}`);
  const detail = new CustomerDetailPage(page, 'Delta');
  await detail.expectLoaded();
  await expect(detail.releaseHistory).toHaveCount(1);
  await expect(detail.releaseHistory.first()).toContainText('Hotfix 7');
  await expect(page.getByRole('progressbar', { name: 'Delta in Hotfix 7' })).toHaveAttribute(
    'aria-valuenow',
    '50',
  );

  await detail.archiveButton.click();
  await expect(detail.restoreButton).toBeVisible();
  await expect(detail.detail('Status')).toHaveText('Archived (history kept)');
  await expect(detail.releaseHistory).toHaveCount(1);
  await expect(page.getByRole('progressbar', { name: 'Delta in Hotfix 7' })).toHaveAttribute(
    'aria-valuenow',
    '50',
  );

  await customers.goto();
  await expect(page.getByRole('heading', { name: 'No customers match these filters' })).toBeVisible();
  await customers.showArchived.check();
  await expect(customers.row('Delta')).toContainText('archived');
  await customers.row('Delta').getByRole('link', { name: /Delta/ }).first().click();
  await detail.expectLoaded();
  await detail.restoreButton.click();
  await expect(detail.archiveButton).toBeVisible();
  await expect(detail.detail('Status')).toHaveText('Active');
});

test('restoring a customer whose namespace was taken meanwhile is refused with the reason', async ({
  page,
}) => {
  await createCluster(page, { name: 'prod-eu' });
  const first = await createCustomer(page, { name: 'Echo', cluster: 'prod-eu', namespace: 'echo' });
  const detail = new CustomerDetailPage(page, 'Echo');
  await detail.archiveButton.click();
  await expect(detail.restoreButton).toBeVisible();
  await createCustomer(page, { name: 'Echo 2', cluster: 'prod-eu', namespace: 'echo' });

  await page.goto(`/customers/${first}`);
  await detail.expectLoaded();
  await detail.restoreButton.click();
  await expect(detail.alert).toHaveText(NAMESPACE_TAKEN);
  await expect(detail.restoreButton).toBeVisible();
});

test('FV-006 a cluster shows each customer’s progress in every active release', async ({ page }) => {
  await openWithTestApi(page);
  const { clusterId } = (await command(page, 'createCluster', { name: 'prod-eu' })) as { clusterId: string };
  const ids: Record<string, string> = {};
  for (const [name, namespace] of [
    ['Acme', 'acme'],
    ['Beta', 'beta'],
  ] as const) {
    ids[name] = (
      (await command(page, 'createCustomer', { clusterId, name, namespace })) as { customerId: string }
    ).customerId;
  }
  const [acme, beta] = [ids.Acme ?? '', ids.Beta ?? ''];
  await seedRelease(page, {
    name: 'v2.5.0',
    templates: ['a', 'b', 'c', 'd'],
    done: { [acme]: 4, [beta]: 1 },
  });
  await seedRelease(page, {
    name: 'Hotfix 9',
    templates: ['x', 'y'],
    done: { [beta]: 1 },
    customerIds: [beta],
  });

  await page.goto(`/clusters/${clusterId}`);
  const detail = new ClusterDetailPage(page, 'prod-eu');
  await detail.expectLoaded();
  await expect(detail.customersTable.getByRole('columnheader')).toHaveText([
    'Customer',
    /^Hotfix 9cluster 50% complete$/,
    /^v2\.5\.0cluster 62% complete$/,
  ]);
  await expect(detail.progress('Acme', 'v2.5.0')).toHaveAttribute('aria-valuenow', '100');
  await expect(detail.progress('Beta', 'v2.5.0')).toHaveAttribute('aria-valuenow', '25');
  await expect(detail.progress('Beta', 'Hotfix 9')).toHaveAttribute('aria-valuenow', '50');
  await expect(detail.customerRow('Acme')).toContainText('not in this release');
});

test('hostile names and text render as text, never as markup', async ({ page, clusters, customers }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const clusterName = '<img src=x onerror="window.__pwned=1">';
  const customerName = '<script>alert(1)</script>';
  const clusterId = await createCluster(page, {
    name: clusterName,
    kubeconfigPath: '"><svg onload=alert(2)>',
    description: '<b>not bold</b>',
    metadata: { region: '<iframe src="javascript:alert(3)">' },
  });
  await createCustomer(page, {
    name: customerName,
    cluster: clusterName,
    namespace: 'hostile',
    metadata: { note: '<a href="javascript:alert(4)">x</a>' },
  });
  const detail = new CustomerDetailPage(page, customerName);
  await expect(detail.context).toHaveAttribute('data-customer-context', `${clusterName} / hostile`);
  await expect(detail.detail('note')).toHaveText('<a href="javascript:alert(4)">x</a>');

  await page.goto(`/clusters/${clusterId}`);
  const cluster = new ClusterDetailPage(page, clusterName);
  await cluster.expectLoaded();
  await expect(cluster.detail('Description')).toHaveText('<b>not bold</b>');
  await expect(cluster.detail('region')).toHaveText('<iframe src="javascript:alert(3)">');
  await clusters.goto();
  await expect(clusters.card(clusterName)).toContainText('"><svg onload=alert(2)>');
  await customers.goto();
  await customers.expectRows([customerName]);

  const injected = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
    elements: document.querySelectorAll('main img, main script, main svg[onload], main iframe, main b')
      .length,
  }));
  expect(injected).toEqual({ pwned: null, elements: 0 });
  expect(dialogs).toEqual([]);
});
