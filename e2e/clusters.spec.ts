import { expect, test } from './fixtures';
import { ClusterDetailPage, ClusterFormPage, CustomerDetailPage } from './pages';
import { literalRe } from './pages/text';
import { createCluster, createCustomer } from './support/catalog';

const NAME_TAKEN = 'Another cluster already has this name (names are compared ignoring case).';
const HAS_CUSTOMERS = 'A cluster with active customers cannot be archived; move or archive them first.';

test('FC-001 a cluster is created with its path, description and metadata, and shows as a card (FC-004)', async ({
  page,
  clusters,
  newCluster,
}) => {
  await clusters.goto();
  await clusters.newClusterButton.click();
  await newCluster.expectLoaded();
  await newCluster.fill({
    name: 'prod-eu',
    kubeconfigPath: '~/.kube/prod-eu-config',
    description: 'Production, Europe',
    metadata: { region: 'eu-west-1', apiEndpoint: 'https://eu.k8s.example.com' },
  });
  await newCluster.createButton.click();

  const detail = new ClusterDetailPage(page, 'prod-eu');
  await detail.expectLoaded();
  await expect(detail.detail('Kubeconfig path')).toHaveText('~/.kube/prod-eu-config');
  await expect(detail.detail('Description')).toHaveText('Production, Europe');
  await expect(detail.detail('region')).toHaveText('eu-west-1');
  await expect(detail.detail('apiEndpoint')).toHaveText('https://eu.k8s.example.com');

  await clusters.shell.navLink('Clusters').click();
  await clusters.expectLoaded();
  const card = clusters.card('prod-eu');
  await expect(card).toContainText('~/.kube/prod-eu-config');
  await expect(card).toContainText('eu-west-1');
  await expect(card).toContainText('0 customers');
});

test('FC-002 editing a cluster changes its name, path and metadata rows', async ({ page, clusters }) => {
  await createCluster(page, {
    name: 'staging',
    kubeconfigPath: '~/.kube/staging',
    metadata: { region: 'internal', apiEndpoint: 'https://old.example.com' },
  });
  await clusters.goto();
  await clusters.editLink('staging').click();
  const form = ClusterFormPage.edit(page, 'staging');
  await form.expectLoaded();
  await expect(form.kubeconfigPath).toHaveValue('~/.kube/staging');
  // Rows come sorted by key: apiEndpoint, region.
  await expect(form.form.metadataKey(1)).toHaveValue('apiEndpoint');
  await page.getByRole('button', { name: 'Remove row 1 (apiEndpoint)' }).click();
  await expect(form.form.addMetadataButton).toBeFocused();
  await form.form.metadataValue(1).fill('eu-central-1');
  await form.name.fill('staging-eu');
  await form.kubeconfigPath.fill('~/.kube/staging-eu');
  await form.saveButton.click();

  const detail = new ClusterDetailPage(page, 'staging-eu');
  await detail.expectLoaded();
  await expect(detail.detail('Kubeconfig path')).toHaveText('~/.kube/staging-eu');
  await expect(detail.detail('region')).toHaveText('eu-central-1');
  await expect(detail.detail('apiEndpoint')).toHaveCount(0);
});

test('BR-C02 a taken name is refused beside the field, in any case, and everything typed stays', async ({
  page,
  newCluster,
}) => {
  await createCluster(page, { name: 'prod-eu' });
  await newCluster.goto();
  await newCluster.fill({
    name: 'PROD-EU ',
    kubeconfigPath: '~/.kube/other',
    description: 'typed before the refusal',
    metadata: { region: 'eu-west-2' },
  });
  await newCluster.createButton.click();

  await newCluster.expectNameError(literalRe(NAME_TAKEN));
  await expect(newCluster.name).toBeFocused();
  await expect(newCluster.name).toHaveValue('PROD-EU ');
  await expect(newCluster.kubeconfigPath).toHaveValue('~/.kube/other');
  await expect(newCluster.description).toHaveValue('typed before the refusal');
  await expect(newCluster.form.metadataKey(1)).toHaveValue('region');
  await expect(newCluster.form.metadataValue(1)).toHaveValue('eu-west-2');

  // Fixing the name clears its message; the cluster is then created with everything else as typed.
  await newCluster.name.fill('prod-eu-2');
  await newCluster.form.expectNoFieldError(newCluster.name);
  await newCluster.createButton.click();
  const detail = new ClusterDetailPage(page, 'prod-eu-2');
  await detail.expectLoaded();
  await expect(detail.detail('Kubeconfig path')).toHaveText('~/.kube/other');

  // Renaming onto a taken name is refused the same way.
  await detail.editLink.click();
  const edit = ClusterFormPage.edit(page, 'prod-eu-2');
  await edit.name.fill('Prod-Eu');
  await edit.saveButton.click();
  await edit.expectNameError(literalRe(NAME_TAKEN));
  await expect(edit.name).toHaveValue('Prod-Eu');
});

test('VA-05 a bad or repeated metadata key is refused beside its row', async ({ page, newCluster }) => {
  await newCluster.goto();
  await newCluster.fill({ name: 'prod-us', metadata: { '1region': 'us-east-1' } });
  await newCluster.createButton.click();
  await newCluster.form.expectFieldError(newCluster.form.metadataKey(1), /Metadata keys start with a letter/);

  await newCluster.form.metadataKey(1).fill('region');
  await newCluster.form.addMetadata('region', 'us-west-2');
  await newCluster.createButton.click();
  await newCluster.form.expectFieldError(
    newCluster.form.metadataKey(2),
    'This key is already used in another row.',
  );

  await newCluster.form.metadataKey(2).fill('zone');
  await newCluster.createButton.click();
  const detail = new ClusterDetailPage(page, 'prod-us');
  await detail.expectLoaded();
  await expect(detail.detail('zone')).toHaveText('us-west-2');
});

test('BR-C01 archiving is refused while the cluster has active customers, allowed after, and restore brings it back', async ({
  page,
  clusters,
}) => {
  const clusterId = await createCluster(page, { name: 'prod-ap', kubeconfigPath: '~/.kube/ap' });
  await createCustomer(page, { name: 'Acme', namespace: 'acme-prod', cluster: 'prod-ap' });

  await page.goto(`/clusters/${clusterId}`);
  const detail = new ClusterDetailPage(page, 'prod-ap');
  await detail.expectLoaded();
  await detail.archiveButton.click();
  await expect(detail.alert).toHaveText(`${HAS_CUSTOMERS} It has 1 active customer.`);
  await expect(detail.archiveButton).toBeVisible();

  // The same refusal from the list's card.
  await clusters.goto();
  await clusters.archiveButton('prod-ap').click();
  await expect(clusters.card('prod-ap').getByRole('alert')).toContainText(HAS_CUSTOMERS);

  // Archive the customer first; then the cluster can go.
  await clusters.card('prod-ap').getByRole('link', { name: /Acme/ }).click();
  const customer = new CustomerDetailPage(page, 'Acme');
  await customer.expectLoaded();
  await customer.archiveButton.click();
  await expect(customer.restoreButton).toBeVisible();

  await page.goto(`/clusters/${clusterId}`);
  await detail.expectLoaded();
  // BR-M03: the archived customer is still listed, apart.
  await expect(detail.archivedCustomersTable).toContainText('Acme');
  await detail.archiveButton.click();
  await expect(detail.restoreButton).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Archived');

  // Archived clusters leave the cards and wait, folded, under "Archived".
  await clusters.goto();
  await expect(clusters.card('prod-ap')).toHaveCount(0);
  await expect(clusters.archivedSection).not.toHaveAttribute('open', '');
  await expect(clusters.archived('prod-ap')).toBeHidden();
  await clusters.openArchived();
  await clusters.restoreButton('prod-ap').click();
  await expect(clusters.card('prod-ap')).toBeVisible();
  await expect(clusters.archivedSection).toHaveCount(0);
});

test('a half-typed cluster survives a reload, and can be discarded', async ({ page, newCluster }) => {
  await newCluster.goto();
  await newCluster.fill({ name: 'half-typed', kubeconfigPath: '~/.kube/half', metadata: { region: 'x' } });
  await page.reload();
  await newCluster.expectLoaded();
  await expect(newCluster.name).toHaveValue('half-typed');
  await expect(newCluster.kubeconfigPath).toHaveValue('~/.kube/half');
  await expect(newCluster.form.metadataValue(1)).toHaveValue('x');
  await expect(newCluster.form.restoredNotice).toBeVisible();
  await newCluster.form.restoredNotice.getByRole('button', { name: 'Discard them' }).click();
  await expect(newCluster.name).toHaveValue('');
  await expect(newCluster.form.metadataKey(1)).toHaveCount(0);
});

test('a cluster can be created with the keyboard alone', async ({ page, clusters }) => {
  await clusters.goto();
  await clusters.newClusterButton.focus();
  await page.keyboard.press('Enter');
  const form = new ClusterFormPage(page);
  await form.expectLoaded();
  await form.name.focus();
  await page.keyboard.type('kb-cluster');
  await page.keyboard.press('Tab');
  await expect(form.kubeconfigPath).toBeFocused();
  await page.keyboard.type('~/.kube/kb');
  await page.keyboard.press('Enter');
  const detail = new ClusterDetailPage(page, 'kb-cluster');
  await detail.expectLoaded();
  await expect(detail.detail('Kubeconfig path')).toHaveText('~/.kube/kb');
});

test('a link to a cluster that is not here says so, with a way back', async ({ page, clusters }) => {
  await page.goto('/clusters/cluster:nope');
  await expect(page.getByRole('heading', { level: 1, name: 'Cluster not found' })).toBeVisible();
  await expect(page).toHaveTitle('Cluster not found · Runsheet');
  await page.getByRole('link', { name: 'Back to clusters' }).click();
  await clusters.expectLoaded();
});
