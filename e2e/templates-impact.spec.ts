import { expect, test } from './fixtures';
import { createCluster, createCustomer } from './support/catalog';
import { stepActions } from './support/steps';

// Whole workflows through the screens (catalog set up by its forms): longer than one click on two shared cores.
test.describe.configure({ timeout: 90_000 });

// An active release whose one deploy step is done for Acme, skipped for Globex, overridden for
// Initech and untouched for Umbrella: an edit or delete of the template treats each differently.
test.beforeEach(async ({ page, releaseForm, release, templateSteps }) => {
  await createCluster(page, { name: 'prod-eu' });
  const customers: Record<string, string> = {};
  for (const [name, namespace] of [
    ['Acme', 'acme'],
    ['Globex', 'globex'],
    ['Initech', 'initech'],
    ['Umbrella', 'umbrella'],
  ] as const) {
    customers[name] = await createCustomer(page, { name, namespace, cluster: 'prod-eu' });
  }
  await releaseForm.create({ name: 'Spring', type: 'Release', version: 'v3' });
  const releaseId = release.idFromUrl();
  await release.stepsTab.click();
  await templateSteps.addStep('Deploy', {
    name: 'Migrate',
    type: 'SQL',
    content: 'ALTER TABLE a ADD b int;',
  });
  await templateSteps.addStep('Deploy', {
    name: 'Restart',
    type: 'Bash',
    content: 'kubectl rollout restart',
  });
  const migrate = await templateSteps.templateId('Migrate');
  await release.activateButton.click();
  await release.activation.confirm();
  await release.expectStatus('Active');

  const steps = await stepActions(page, `/releases/${releaseId}/steps`, releaseId);
  await steps.markDone(customers.Acme as string, migrate);
  await steps.skip(customers.Globex as string, migrate, 'not licensed');
  await steps.override(customers.Initech as string, migrate, 'ALTER TABLE a ADD b bigint;');
  await templateSteps.expectLoaded('Spring');
});

test('BR-R02 / BR-S07 / BR-S08: editing a step of an active release says what it reaches before saving', async ({
  page,
  templateSteps,
}) => {
  const form = await templateSteps.openEdit('Migrate');
  await expect(form.impact).toHaveText(
    'Saving updates 1 pending step; 1 overridden and 2 done or skipped keep their content.',
  );
  await form.fill({ content: 'ALTER TABLE a ADD b int NOT NULL DEFAULT 0;' });
  await form.save();
  await expect(page.getByRole('region', { name: /^Notifications/ })).toContainText(
    'Updated 1 pending step; 1 overridden and 2 done or skipped keep their content.',
  );
  await expect(templateSteps.code('Migrate')).toHaveText('ALTER TABLE a ADD b int NOT NULL DEFAULT 0;');

  // A step nobody touched reaches every customer.
  const restart = await templateSteps.openEdit('Restart');
  await expect(restart.impact).toHaveText(
    'Saving updates 4 pending steps; 0 overridden and 0 done or skipped keep their content.',
  );
});

test('ST-03 / FS-004: deleting says how many customer steps go and how many executed ones stay', async ({
  templateSteps,
}) => {
  await templateSteps.openDelete('Migrate');
  await expect(templateSteps.deleteImpact).toHaveText(
    '2 pending customer steps go; 2 executed steps stay in the history.',
  );
  await templateSteps.confirmDelete();
  await templateSteps.expectNames('Deploy', ['Restart']);

  await templateSteps.openDelete('Restart');
  await expect(templateSteps.deleteImpact).toHaveText(
    '4 pending customer steps go; 0 executed steps stay in the history.',
  );
});
