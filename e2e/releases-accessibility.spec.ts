import { expect, test } from './fixtures';
import { axeViolations } from './support/axe';

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
  });
}
