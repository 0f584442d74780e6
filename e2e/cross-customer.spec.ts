import { expect, test } from './matrix-fixtures';
import { runCommand, seedDefault, stepIdOf } from './support/seed';

// FV-005: one step across all customers.

test('FV-005: a step across customers, grouped by cluster; mark done for the selected ones', async ({
  page,
  matrix,
  crossCustomer,
}) => {
  const s = await seedDefault(page);
  await runCommand(page, 'markDone', {
    releaseId: s.releaseId,
    stepId: stepIdOf(s.customers.acme, s.templates.migrate),
  });
  await matrix.goto(s.releaseId);
  // The step's name in the matrix leads here, from the keyboard too.
  await matrix.grid.locator('[tabindex="0"]').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  await expect(matrix.rowHeader('Run migration')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(crossCustomer.heading('Run migration')).toBeVisible();
  await expect(page.getByText('1/3 customers done')).toBeVisible();

  await expect(crossCustomer.cluster('prod-eu')).toContainText('(1/2 done)');
  await expect(crossCustomer.cluster('prod-us')).toContainText('(0/1 done)');
  await expect(crossCustomer.row('Acme')).toContainText('prod-eu / acme-prod');
  await crossCustomer.expectStatus('Acme', 'done');
  await crossCustomer.expectStatus('Beta', 'pending');
  await expect(crossCustomer.select('Acme')).toBeDisabled();
  await expect(crossCustomer.markSelected).toBeDisabled();

  await crossCustomer.select('Beta').check();
  await crossCustomer.select('Cobalt').check();
  await expect(crossCustomer.markSelected).toHaveText('Mark done for selected (2)');
  await crossCustomer.markSelected.click();
  await expect(crossCustomer.confirmDialog).toContainText(
    'Beta (prod-eu / beta-prod), Cobalt (prod-us / cobalt-prod)',
  );
  await crossCustomer.confirmDialog.getByRole('button', { name: 'Mark 2 done' }).click();
  await crossCustomer.expectStatus('Beta', 'done');
  await crossCustomer.expectStatus('Cobalt', 'done');
  await expect(page.getByText('3/3 customers done')).toBeVisible();

  // Each customer's step runs with its own content.
  await crossCustomer.row('Cobalt').getByRole('button', { name: 'Open for Cobalt' }).click();
  const panel = page.getByRole('dialog', { name: 'Run migration' });
  await expect(panel.getByTestId('step-content')).toHaveText(
    '-- migration for Cobalt\nALTER TABLE users ADD COLUMN tier TEXT;',
  );
});

test('Select all pending picks only what is left to do', async ({ page, crossCustomer }) => {
  const s = await seedDefault(page);
  await runCommand(page, 'skipStep', {
    releaseId: s.releaseId,
    stepId: stepIdOf(s.customers.beta, s.templates.deploy),
    reason: 'manual',
  });
  await crossCustomer.goto(s.releaseId, s.templates.deploy);
  await crossCustomer.selectAllPending.click();
  await expect(crossCustomer.select('Acme')).toBeChecked();
  await expect(crossCustomer.select('Cobalt')).toBeChecked();
  await expect(crossCustomer.select('Beta')).not.toBeChecked();
  await crossCustomer.markSelectedDone();
  await crossCustomer.expectStatus('Acme', 'done');
  await crossCustomer.expectStatus('Beta', 'skipped');
});
