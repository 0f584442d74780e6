import { expect, test } from './fixtures';
import { createCluster, createCustomer } from './support/catalog';
import { StepRunner } from './support/steps';

// Whole workflows through the screens (catalog set up by its forms): longer than one click on two shared cores.
test.describe.configure({ timeout: 120_000 });

// The three workflows of docs/SPEC.md "Asked for" (onboard a customer, a regular release, a hotfix), end
// to end through the screens: clusters and customers through their forms, releases and template steps
// through the release screens, and the execution through the matrix and its step panel on the release page.

test('workflow: new customer onboarding: new cluster and customer, onboarding release, activated for that customer', async ({
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
  await createCustomer(page, {
    name: 'Wayne Enterprises',
    namespace: 'wayne-prod',
    cluster: 'prod-apac',
    description: 'First APAC customer',
  });

  // 3. The onboarding release and its template steps.
  await releaseForm.create({ name: 'Onboard Wayne', type: 'Onboarding', description: 'Bring Wayne live.' });
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

  // 4. Activate for the new customer only.
  await release.activateButton.click();
  const choice = release.activation.choice;
  await choice.expectCount(2, 2);
  await choice.selectNone();
  await choice.customer('Wayne Enterprises').check();
  await choice.expectCount(1, 2);
  await release.activation.confirm();
  await release.expectStatus('Active');

  // Customise a step for this customer, then 5. execute and track progress.
  await release.overviewTab.click();
  await expect(release.participants).toHaveText('1 customer takes part.');
  await expect(release.progress('prod-apac progress')).toBeVisible();
  await expect(release.progress('prod-eu progress')).toHaveCount(0);
  const steps = new StepRunner(page);
  await expect(steps.matrix.customerHeader('Acme')).toHaveCount(0);
  await steps.override(
    'Seed tenant',
    'Wayne Enterprises',
    "INSERT INTO tenants (name, region) VALUES ('Wayne', 'apac');",
  );
  await steps.markDone('Create namespace', 'Wayne Enterprises');
  await expect(release.progress('Overall progress')).toHaveAttribute('aria-valuenow', '33');
  await expect(release.progress('Deploy progress')).toHaveAttribute('aria-valuenow', '50');

  await releases.goto();
  await expect(releases.row('Onboard Wayne').getByRole('progressbar')).toHaveAttribute('aria-valuenow', '33');
});

test('workflow: regular release: version and date, deploy and verify steps, all customers, template edit preview, archive', async ({
  page,
  releaseForm,
  release,
  templateSteps,
  releases,
}) => {
  await createCluster(page, { name: 'prod-eu' });
  await createCluster(page, { name: 'prod-us' });
  await createCustomer(page, { name: 'Acme', namespace: 'acme-prod', cluster: 'prod-eu' });
  await createCustomer(page, { name: 'Globex', namespace: 'globex-prod', cluster: 'prod-eu' });
  await createCustomer(page, { name: 'Initech', namespace: 'initech-prod', cluster: 'prod-us' });

  // 1. A release with a version and a target date, deploy and verify steps.
  await releaseForm.create({ name: 'Release 2.5', type: 'Release', version: 'v2.5.0', date: '2026-02-15' });
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

  // 2. Activate for every customer of every cluster (the default).
  await release.activateButton.click();
  await release.activation.choice.expectCount(3, 3);
  await release.activation.confirm();
  await release.expectStatus('Active');

  // 3. Execute per cluster or per customer: focus on prod-eu, run Acme's migration; Initech's schema
  // is already there, so it skips it; Globex needs its own index.
  await release.overviewTab.click();
  const steps = new StepRunner(page);
  await steps.matrix.filterCluster('prod-eu');
  await expect(steps.matrix.customerHeader('Initech')).toHaveCount(0);
  await steps.markDone('Migrate', 'Acme');
  await steps.override(
    'Migrate',
    'Globex',
    'ALTER TABLE orders ADD note text;\nCREATE INDEX ON orders (note);',
  );
  await steps.matrix.filterCluster('All clusters');
  await steps.skip('Migrate', 'Initech', 'already on the new schema');

  // A late fix to the migration: the preview says it reaches no pending step any more.
  await release.stepsTab.click();
  const form = await templateSteps.openEdit('Migrate');
  await expect(form.impact).toHaveText(
    'Saving updates 0 pending steps; 1 overridden and 2 done or skipped keep their content.',
  );
  await form.fill({ content: 'ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text;' });
  await form.save();
  const helm = await templateSteps.openEdit('Helm upgrade');
  await expect(helm.impact).toHaveText(
    'Saving updates 3 pending steps; 0 overridden and 0 done or skipped keep their content.',
  );
  await page.keyboard.press('Escape');

  // 4. Monitor progress via the matrix: 2 of 9 steps complete, one of them only skipped.
  await release.overviewTab.click();
  await expect(release.participants).toHaveText('3 customers take part.');
  await steps.matrix.expectStatus('Migrate', 'Acme', 'done');
  await steps.matrix.expectStatus('Migrate', 'Initech', 'skipped');
  await expect(release.progress('Overall progress')).toHaveAttribute(
    'aria-valuetext',
    '22% complete (1 done, 1 skipped of 9)',
  );
  await steps.markDone('Migrate', 'Globex');
  await expect(release.progress('Deploy progress')).toHaveAttribute('aria-valuenow', '50');

  // 5. Archive when done; it is listed as archived.
  await release.archive();
  await releases.goto();
  await releases.filterByStatus('Archived');
  await releases.expectNames(['Release 2.5']);
});

test('workflow: hotfix: minimal steps, activated for chosen customers only, verified and archived', async ({
  page,
  releaseForm,
  release,
  templateSteps,
  releases,
}) => {
  await createCluster(page, { name: 'prod-eu' });
  await createCluster(page, { name: 'prod-us' });
  await createCustomer(page, { name: 'Acme', namespace: 'acme-prod', cluster: 'prod-eu' });
  await createCustomer(page, { name: 'Globex', namespace: 'globex-prod', cluster: 'prod-eu' });
  await createCustomer(page, { name: 'Initech', namespace: 'initech-prod', cluster: 'prod-us' });

  // 1. A hotfix for the customers that hit the bug.
  await releaseForm.create({
    name: 'Hotfix login loop',
    type: 'Hotfix',
    description: 'Login loops after SSO.',
  });
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
  const steps = new StepRunner(page);
  await expect(steps.matrix.customerHeader('Acme')).toHaveCount(0);
  await steps.markDone('Patch image', 'Globex');
  await steps.matrix.verifyTab.click();
  await steps.markDone('Try logging in', 'Globex');
  await expect(release.progress('Overall progress')).toHaveAttribute('aria-valuenow', '100');
  await release.archive();

  await releases.goto();
  await releases.filterByType('Hotfix');
  await releases.expectNames(['Hotfix login loop']);
  const row = releases.row('Hotfix login loop');
  await expect(row.locator('[data-release-status]')).toHaveText('Archived');
  await expect(row.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
});
