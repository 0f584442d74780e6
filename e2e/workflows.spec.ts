import { expect, test } from './fixtures';
import { createCluster, createCustomer } from './support/catalog';
import { stepActions } from './support/steps';

// Whole workflows through the screens (catalog set up by its forms): longer than one click on two shared cores.
test.describe.configure({ timeout: 90_000 });

// The three workflows of functional-spec §7, end to end through the screens. Executing a step (mark
// done) belongs to the execution matrix; until it is in main it runs through the test API (see
// support/steps.ts), and progress is read back from the release page.

test('§7.1 new customer onboarding: new cluster and customer, onboarding release, activated for that customer', async ({
  page,
  releaseForm,
  release,
  templateSteps,
  releases,
}) => {
  // An existing customer elsewhere, who must not be part of this onboarding.
  await createCluster(page, { name: 'prod-eu' });
  await createCustomer(page, { name: 'Acme', namespace: 'acme-prod', cluster: 'prod-eu' });

  // 1. The new infrastructure, 2. the new customer in it.
  await createCluster(page, {
    name: 'prod-apac',
    kubeconfigPath: '/etc/kube/prod-apac.yaml',
    description: 'Sydney region',
  });
  const wayne = await createCustomer(page, {
    name: 'Wayne Enterprises',
    namespace: 'wayne-prod',
    cluster: 'prod-apac',
    description: 'First APAC customer',
  });

  // 3. The onboarding release and its template steps.
  await releaseForm.create({ name: 'Onboard Wayne', type: 'Onboarding', description: 'Bring Wayne live.' });
  const releaseId = release.idFromUrl();
  await release.expectType('Onboarding');
  await release.stepsTab.click();
  await templateSteps.addStep('Deploy', {
    name: 'Create namespace',
    type: 'Bash',
    content: 'kubectl create namespace {{customer.namespace}}',
  });
  await templateSteps.addStep('Deploy', {
    name: 'Seed tenant',
    type: 'SQL',
    content: "INSERT INTO tenants (name) VALUES ('{{customer.name}}');",
  });
  await templateSteps.addStep('Verify', {
    name: 'Log in',
    type: 'Text',
    content: 'Log in as the tenant admin.',
  });
  const createNamespace = await templateSteps.templateId('Create namespace');

  // 4. Activate for the new customer only.
  await release.activateButton.click();
  const choice = release.activation.choice;
  await choice.expectCount(2, 2);
  await choice.selectNone();
  await choice.customer('Wayne Enterprises').check();
  await choice.expectCount(1, 2);
  await release.activation.confirm();
  await release.expectStatus('Active');

  // 5. Execute and track progress.
  await release.overviewTab.click();
  await expect(release.participants).toHaveText('1 customer takes part.');
  await expect(release.progress('prod-apac progress')).toBeVisible();
  await expect(release.progress('prod-eu progress')).toHaveCount(0);
  const steps = await stepActions(page, `/releases/${releaseId}`, releaseId);
  await steps.markDone(wayne, createNamespace);
  await expect(release.progress('Overall progress')).toHaveAttribute('aria-valuenow', '33');
  await expect(release.progress('Deploy progress')).toHaveAttribute('aria-valuenow', '50');

  await releases.goto();
  await expect(releases.row('Onboard Wayne').getByRole('progressbar')).toHaveAttribute('aria-valuenow', '33');
});

test('§7.2 regular release: version and date, deploy and verify steps, all customers, template edit preview, archive', async ({
  page,
  releaseForm,
  release,
  templateSteps,
  releases,
}) => {
  await createCluster(page, { name: 'prod-eu' });
  await createCluster(page, { name: 'prod-us' });
  const acme = await createCustomer(page, { name: 'Acme', namespace: 'acme-prod', cluster: 'prod-eu' });
  const globex = await createCustomer(page, { name: 'Globex', namespace: 'globex-prod', cluster: 'prod-eu' });
  const initech = await createCustomer(page, {
    name: 'Initech',
    namespace: 'initech-prod',
    cluster: 'prod-us',
  });

  // 1. A release with a version and a target date, deploy and verify steps.
  await releaseForm.create({ name: 'Release 2.5', type: 'Release', version: 'v2.5.0', date: '2026-02-15' });
  const releaseId = release.idFromUrl();
  await expect(release.facts).toContainText('v2.5.0');
  await expect(release.facts.locator('time')).toHaveAttribute('datetime', '2026-02-15');
  await release.stepsTab.click();
  await templateSteps.addStep('Deploy', {
    name: 'Migrate',
    type: 'SQL',
    content: 'ALTER TABLE orders ADD note text;',
  });
  await templateSteps.addStep('Deploy', {
    name: 'Helm upgrade',
    type: 'Bash',
    content: 'helm upgrade app ./chart -n {{customer.namespace}} --set tag={{release.version}}',
  });
  await templateSteps.addStep('Verify', {
    name: 'Smoke test',
    type: 'Bash',
    content: 'curl -fsS https://app/healthz',
  });
  const migrate = await templateSteps.templateId('Migrate');

  // 2. Activate for every customer of every cluster (the default).
  await release.activateButton.click();
  await release.activation.choice.expectCount(3, 3);
  await release.activation.confirm();
  await release.expectStatus('Active');

  // 3. Execute per customer: Acme has migrated, Globex has not started, Initech skipped the migration.
  const steps = await stepActions(page, `/releases/${releaseId}/steps`, releaseId);
  await steps.markDone(acme, migrate);
  await steps.skip(initech, migrate, 'already on the new schema');
  await templateSteps.expectLoaded('Release 2.5');

  // A late fix to the migration reaches only Globex, and says so before saving.
  const form = await templateSteps.openEdit('Migrate');
  await expect(form.impact).toHaveText(
    'Saving updates 1 pending step; 0 overridden and 2 done or skipped keep their content.',
  );
  await form.fill({ content: 'ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text;' });
  await form.save();

  // 4. Monitor progress: 2 of 9 steps complete, one of them only skipped.
  await release.overviewTab.click();
  await expect(release.participants).toHaveText('3 customers take part.');
  await expect(release.progress('Overall progress')).toHaveAttribute(
    'aria-valuetext',
    '22% complete (1 done, 1 skipped of 9)',
  );
  await steps.markDone(globex, migrate);
  await expect(release.progress('Deploy progress')).toHaveAttribute('aria-valuenow', '50');

  // 5. Archive when done; it is listed as archived.
  await release.archive();
  await releases.goto();
  await releases.filterByStatus('Archived');
  await releases.expectNames(['Release 2.5']);
});

test('§7.3 hotfix: minimal steps, activated for chosen customers only, verified and archived', async ({
  page,
  releaseForm,
  release,
  templateSteps,
  releases,
}) => {
  await createCluster(page, { name: 'prod-eu' });
  await createCluster(page, { name: 'prod-us' });
  await createCustomer(page, { name: 'Acme', namespace: 'acme-prod', cluster: 'prod-eu' });
  const globex = await createCustomer(page, { name: 'Globex', namespace: 'globex-prod', cluster: 'prod-eu' });
  await createCustomer(page, { name: 'Initech', namespace: 'initech-prod', cluster: 'prod-us' });

  // 1. A hotfix for the customers that hit the bug.
  await releaseForm.create({
    name: 'Hotfix login loop',
    type: 'Hotfix',
    description: 'Login loops after SSO.',
  });
  const releaseId = release.idFromUrl();
  await release.expectType('Hotfix');

  // 2. Minimal steps.
  await release.stepsTab.click();
  await templateSteps.addStep('Deploy', {
    name: 'Patch image',
    type: 'Bash',
    content: 'kubectl -n {{customer.namespace}} set image deploy/app app=app:2.5.1',
  });
  await templateSteps.addStep('Verify', {
    name: 'Try logging in',
    type: 'Text',
    content: 'Log in through SSO.',
  });
  const patch = await templateSteps.templateId('Patch image');
  const verify = await templateSteps.templateId('Try logging in');

  // 3. Activate for Globex only.
  await release.activateButton.click();
  await release.activation.choice.selectNone();
  await release.activation.choice.customer('Globex').check();
  await expect(release.activation.activateButton).toHaveText('Activate for 1 customer');
  await release.activation.confirm();
  await release.overviewTab.click();
  await expect(release.participants).toHaveText('1 customer takes part.');
  await expect(release.progress('prod-us progress')).toHaveCount(0);

  // 4. Deploy, verify and archive.
  const steps = await stepActions(page, `/releases/${releaseId}`, releaseId);
  await steps.markDone(globex, patch);
  await steps.markDone(globex, verify);
  await expect(release.progress('Overall progress')).toHaveAttribute('aria-valuenow', '100');
  await release.archive();

  await releases.goto();
  await releases.filterByType('Hotfix');
  await releases.expectNames(['Hotfix login loop']);
  const row = releases.row('Hotfix login loop');
  await expect(row.locator('[data-release-status]')).toHaveText('Archived');
  await expect(row.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
});
