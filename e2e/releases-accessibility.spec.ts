import { expect, test } from './fixtures';
import { axeViolations } from './support/axe';
import { createCluster, createCustomer } from './support/catalog';

// Whole workflows through the screens (catalog set up by its forms): longer than one click on two shared cores.
test.describe.configure({ timeout: 90_000 });

// The release screens with data in them, in both themes: axe checks what is on screen, so each
// state (errors shown, dialogs open, highlighted code) is opened before it runs.
for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test('release list, form with errors, and release page have no axe violations', async ({
      page,
      releases,
      releaseForm,
      release,
    }) => {
      await releaseForm.create({ name: 'Spring', type: 'Release', version: 'v1', date: '2026-04-01' });
      expect(await axeViolations(page)).toEqual([]);
      await release.archive();
      await releaseForm.create({ name: 'Fix', type: 'Hotfix', description: 'Urgent.' });
      await release.archiveButton.click();
      await expect(release.archiveDialog).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
      await release.archiveDialog.getByRole('button', { name: 'Cancel' }).click();

      await releases.goto();
      await expect(releases.table.getByRole('row')).toHaveCount(3);
      expect(await axeViolations(page)).toEqual([]);

      await releaseForm.gotoNew();
      await releaseForm.submit();
      await expect(releaseForm.name).toHaveAttribute('aria-invalid', 'true');
      expect(await axeViolations(page)).toEqual([]);
    });

    test('template steps page, editor dialog and delete dialog have no axe violations', async ({
      page,
      releaseForm,
      release,
      templateSteps,
    }) => {
      await releaseForm.create({ name: 'Spring', type: 'Hotfix' });
      await release.stepsTab.click();
      await templateSteps.addStep('Deploy', {
        name: 'Deploy',
        type: 'Bash',
        content:
          '#!/bin/bash\n# roll out\nif [ -n "$NS" ]; then helm upgrade app -n {{customer.namespace}}; fi',
      });
      await templateSteps.addStep('Deploy', {
        name: 'Migrate',
        type: 'SQL',
        content: "-- schema\nSELECT count(*) FROM users WHERE name = 'x' AND id > 42;",
      });
      await templateSteps.addStep('Verify', { name: 'Look', type: 'Text', content: 'Open the app.' });
      await expect(templateSteps.step('Look')).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);

      await templateSteps.openEdit('Deploy');
      expect(await axeViolations(page)).toEqual([]);
      await templateSteps.form.dialog.getByRole('button', { name: 'Cancel' }).click();

      await templateSteps.openDelete('Migrate');
      expect(await axeViolations(page)).toEqual([]);
    });

    test('activation and add-customers dialogs, and an active release, have no axe violations', async ({
      page,
      releaseForm,
      release,
    }) => {
      await createCluster(page, { name: 'prod-eu' });
      await createCustomer(page, { name: 'Acme', namespace: 'acme', cluster: 'prod-eu' });
      await createCustomer(page, { name: 'Globex', namespace: 'globex', cluster: 'prod-eu' });
      await releaseForm.create({ name: 'Spring', type: 'Onboarding' });
      await release.activateButton.click();
      await release.activation.choice.customer('Globex').uncheck();
      expect(await axeViolations(page)).toEqual([]);
      await release.activation.activateButton.click();
      await expect(release.activation.noStepsWarning).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
      await release.activation.confirm();
      await expect(release.participants).toHaveText('1 customer takes part.');
      expect(await axeViolations(page)).toEqual([]);
      await release.addCustomersButton.click();
      await release.addCustomers.choice.customer('Globex').check();
      expect(await axeViolations(page)).toEqual([]);
    });
  });
}
