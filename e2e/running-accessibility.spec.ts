import type { Page } from '@playwright/test';
import { expect, test } from './matrix-fixtures';
import { axeViolations as violations } from './support/axe';
import { runCommand, seedDefault, stepIdOf } from './support/seed';

// The screens of running a release, with steps in every state, have no axe violations in either theme.

/** The usual release with a done, a skipped, a reverted, an overridden (unknown variable) and a noted step. */
async function seedStates(page: Page) {
  const s = await seedDefault(page);
  const r = s.releaseId;
  const step = (c: keyof typeof s.customers, t: keyof typeof s.templates) =>
    stepIdOf(s.customers[c], s.templates[t]);
  await runCommand(page, 'markDone', { releaseId: r, stepId: step('acme', 'deploy') });
  await runCommand(page, 'skipStep', { releaseId: r, stepId: step('beta', 'migrate'), reason: 'n/a' });
  await runCommand(page, 'markDone', { releaseId: r, stepId: step('cobalt', 'deploy') });
  await runCommand(page, 'revertStep', { releaseId: r, stepId: step('cobalt', 'deploy'), reason: 'oops' });
  await runCommand(page, 'overrideStep', {
    releaseId: r,
    stepId: step('acme', 'config'),
    content: 'x {{release.nope}}',
  });
  await runCommand(page, 'setNotes', { releaseId: r, stepId: step('beta', 'deploy'), notes: 'slow' });
  return s;
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test('the matrix has no axe violations', async ({ page, shell, matrix }) => {
      const s = await seedStates(page);
      await matrix.goto(s.releaseId);
      expect(await shell.appliedTheme()).toBe(scheme);
      expect(await violations(page), 'matrix').toEqual([]);
    });

    test('the step panel has no axe violations: override with its diff and an unknown variable, then done', async ({
      page,
      matrix,
    }) => {
      const s = await seedStates(page);
      await matrix.goto(s.releaseId);
      const panel = await matrix.open('Update config', 'Acme');
      await panel.viewOriginalButton.click();
      await expect(panel.root.getByTestId('content-diff')).toBeVisible();
      await expect(panel.variableErrors).toBeVisible();
      expect(await violations(page), 'step panel').toEqual([]);
      await panel.close();
      const done = await matrix.open('Deploy app', 'Acme');
      await expect(done.historyEntries()).toHaveCount(1);
      expect(await violations(page), 'done step panel').toEqual([]);
    });

    test('the customer view and the custom step dialog have no axe violations', async ({
      page,
      customerView,
    }) => {
      const s = await seedStates(page);
      await customerView.goto(s.releaseId, s.customers.beta);
      expect(await violations(page), 'customer view').toEqual([]);
      await customerView.openAddCustomStep('deploy');
      await customerView.customStepDialog.submit();
      await expect(customerView.customStepDialog.name).toHaveAttribute('aria-invalid', 'true');
      expect(await violations(page), 'custom step dialog').toEqual([]);
    });

    test('the step across customers and its confirmation have no axe violations', async ({
      page,
      crossCustomer,
    }) => {
      const s = await seedStates(page);
      await crossCustomer.goto(s.releaseId, s.templates.deploy);
      expect(await violations(page), 'step across customers').toEqual([]);
      await crossCustomer.select('Beta').check();
      await crossCustomer.markSelected.click();
      await expect(crossCustomer.confirmDialog).toBeVisible();
      expect(await violations(page), 'confirmation').toEqual([]);
    });

    test('the dashboard with data and the command palette have no axe violations', async ({
      page,
      dashboard,
      palette,
    }) => {
      await seedStates(page);
      await dashboard.goto();
      await expect(dashboard.activityLines()).toHaveCount(6);
      expect(await violations(page), 'dashboard').toEqual([]);
      await palette.open();
      expect(await violations(page), 'palette').toEqual([]);
    });
  });
}
