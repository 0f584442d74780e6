import { expect, test } from './fixtures';
import { axeViolations } from './support/axe';
import { createCluster, createCustomer } from './support/catalog';

// Whole workflows through the screens (catalog set up by its forms): longer than one click on two shared cores.
test.describe.configure({ timeout: 90_000 });

// Two clusters, three customers, made through the cluster and customer forms.
test.beforeEach(async ({ page }) => {
  await createCluster(page, { name: 'prod-eu' });
  await createCluster(page, { name: 'prod-us' });
  await createCustomer(page, { name: 'Acme', namespace: 'acme-prod', cluster: 'prod-eu' });
  await createCustomer(page, { name: 'Globex', namespace: 'globex-prod', cluster: 'prod-eu' });
  await createCustomer(page, { name: 'Initech', namespace: 'initech-prod', cluster: 'prod-us' });
});

test('BR-R01 / LC-01: activation offers every customer by cluster, preselected; all / none per cluster and overall', async ({
  page,
  releaseForm,
  release,
  templateSteps,
}) => {
  await releaseForm.create({ name: 'v2.5.0', type: 'Release', version: 'v2.5.0' });
  await release.stepsTab.click();
  await templateSteps.addStep('Deploy', { name: 'Deploy', type: 'Bash', content: 'helm upgrade app' });

  await release.activateButton.click();
  const { activation } = release;
  await activation.expectOpen();
  const choice = activation.choice;
  await choice.expectCount(3, 3);
  // BR-C03: grouped by cluster; every customer named with cluster and namespace.
  await expect(choice.cluster('prod-eu').getByRole('checkbox')).toHaveCount(2);
  await expect(choice.cluster('prod-us').getByRole('checkbox')).toHaveCount(1);
  await expect(choice.customer('Acme')).toHaveAccessibleName('Acme (prod-eu / acme-prod)');
  await expect(activation.activateButton).toHaveText('Activate for 3 customers');

  await choice.selectNone();
  await choice.expectCount(0, 3);
  await expect(activation.activateButton).toBeDisabled();
  await choice.selectAllIn('prod-eu');
  await choice.expectCount(2, 3);
  await expect(choice.customer('Initech')).not.toBeChecked();
  await choice.selectNoneIn('prod-eu');
  await choice.customer('Initech').click();
  await choice.customer('Acme').check();
  await choice.expectCount(2, 3);
  await choice.selectAll();
  await choice.expectCount(3, 3);
  await choice.customer('Globex').uncheck();
  await choice.expectCount(2, 3);
  expect(await axeViolations(page)).toEqual([]);

  await activation.confirm();
  await release.expectStatus('Active');
  await release.overviewTab.click();
  await expect(release.participants).toHaveText('2 customers take part.');
  await expect(release.progress('Overall progress')).toHaveAttribute('aria-valuenow', '0');
  await expect(release.progress('prod-eu progress')).toBeVisible();
  await expect(release.progress('prod-us progress')).toBeVisible();
  await expect(release.activateButton).toBeHidden();
  await expect(release.addCustomersButton).toBeVisible();
});

test('activating a release with no template steps asks first', async ({ releaseForm, release }) => {
  await releaseForm.create({ name: 'Empty hotfix', type: 'Hotfix' });
  await release.activateButton.click();
  await release.activation.expectOpen();
  await release.activation.activateButton.click();
  await expect(release.activation.noStepsWarning).toBeVisible();
  await expect(release.activation.activateButton).toHaveText('Activate without steps');
  await release.expectStatus('Draft');
  await release.activation.confirm();
  await release.expectStatus('Active');
});

test('LC-02: add customers offers only those not in the release yet', async ({
  page,
  releaseForm,
  release,
}) => {
  await releaseForm.create({ name: 'Onboard', type: 'Onboarding' });
  await release.activateButton.click();
  await release.activation.choice.selectNone();
  await release.activation.choice.customer('Acme').check();
  await release.activation.activateButton.click();
  await expect(release.activation.noStepsWarning).toBeVisible();
  await release.activation.confirm();
  await expect(release.participants).toHaveText('1 customer takes part.');

  await release.addCustomersButton.click();
  const { addCustomers } = release;
  await addCustomers.expectOpen();
  await addCustomers.choice.expectCount(0, 2);
  await expect(addCustomers.choice.customer('Acme')).toHaveCount(0);
  await expect(addCustomers.addButton).toBeDisabled();
  await addCustomers.choice.customer('Initech').check();
  await expect(addCustomers.addButton).toHaveText('Add 1 customer');
  expect(await axeViolations(page)).toEqual([]);
  await addCustomers.confirm();
  await expect(release.participants).toHaveText('2 customers take part.');

  await release.addCustomersButton.click();
  await addCustomers.choice.expectCount(0, 1);
  await expect(addCustomers.choice.customer('Globex')).toBeVisible();
  await addCustomers.choice.selectAll();
  await addCustomers.confirm();
  await expect(release.participants).toHaveText('3 customers take part.');
  await release.addCustomersButton.click();
  await expect(addCustomers.dialog).toContainText('Every active customer already takes part');
});
