import { expect, test } from './matrix-fixtures';
import { StepPanel } from './pages/step-panel';
import { runCommand, seedDefault, stepIdOf } from './support/seed';

// FV-004 and the Add Custom Step dialog (FCS-003).

test.describe('customer view', () => {
  test('FV-004: steps by category with "n/m done"; a step is marked done from its row', async ({
    page,
    matrix,
    customerView,
  }) => {
    const s = await seedDefault(page);
    await matrix.goto(s.releaseId);
    await matrix.customerHeader('Acme').click();
    await expect(customerView.heading('Acme')).toBeVisible();
    await expect(page.getByText('(prod-eu / acme-prod)')).toBeVisible();
    await expect(customerView.sectionHeading('deploy')).toHaveText('Deploy steps (0/3 done)');
    await expect(customerView.sectionHeading('verify')).toHaveText('Verify steps (0/1 done)');
    expect(await customerView.stepNames('deploy')).toEqual(['Deploy app', 'Run migration', 'Update config']);

    await customerView.stepButton('deploy', 'Deploy app', 'Mark done').click();
    await customerView.expectStepStatus('deploy', 'Deploy app', 'done');
    await expect(customerView.sectionHeading('deploy')).toHaveText('Deploy steps (1/3 done)');
    await expect(customerView.step('deploy', 'Deploy app')).toContainText('Completed');
    await expect(customerView.stepButton('deploy', 'Deploy app', 'Revert…')).toBeVisible();
    await expect(customerView.section('deploy').getByRole('progressbar')).toHaveAttribute(
      'aria-valuenow',
      '33',
    );

    await customerView.backToMatrix.click();
    await matrix.expectStatus('Deploy app', 'Acme', 'done');
  });

  test('FET-004: Mark all asks first, then marks every pending step of the category done', async ({
    page,
    customerView,
  }) => {
    const s = await seedDefault(page);
    await runCommand(page, 'skipStep', {
      releaseId: s.releaseId,
      stepId: stepIdOf(s.customers.beta, s.templates.config),
      reason: 'not needed',
    });
    await customerView.goto(s.releaseId, s.customers.beta);
    await customerView.markAllButton('deploy').click();
    await expect(customerView.markAllDialog).toContainText(
      '2 pending deploy steps of Beta (prod-eu / beta-prod)',
    );
    await customerView.markAllDialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(customerView.sectionHeading('deploy')).toHaveText('Deploy steps (0/3 done)');

    await customerView.markAllButton('deploy').click();
    await customerView.markAllDialog.getByRole('button', { name: 'Mark 2 done' }).click();
    await expect(customerView.sectionHeading('deploy')).toHaveText('Deploy steps (2/3 done)');
    await customerView.expectStepStatus('deploy', 'Update config', 'skipped');
    // Nothing pending is left, so there is nothing to mark; verify is untouched.
    await expect(customerView.markAllButton('deploy')).toHaveCount(0);
    await expect(customerView.sectionHeading('verify')).toHaveText('Verify steps (0/1 done)');
  });

  test('Skip from a row opens the panel on the reason; the panel closes back to the list', async ({
    page,
    customerView,
  }) => {
    const s = await seedDefault(page);
    await customerView.goto(s.releaseId, s.customers.cobalt);
    await customerView.stepButton('verify', 'Health check', 'Skip…').click();
    const panel = new StepPanel(page, 'Health check');
    await expect(panel.reason('Why skip this step?')).toBeFocused();
    await panel.reason('Why skip this step?').fill('monitoring covers it');
    await panel.button('Skip step').click();
    await panel.expectStatus('skipped');
    await panel.close();
    await customerView.expectStepStatus('verify', 'Health check', 'skipped');
    await expect(customerView.step('verify', 'Health check')).toContainText('Skipped: monitoring covers it');
  });

  test('FCS-003 / FCS-008 / BR-S01: a custom step goes before or after a chosen step, for this customer only', async ({
    page,
    matrix,
    customerView,
  }) => {
    const s = await seedDefault(page);
    await customerView.goto(s.releaseId, s.customers.acme);
    const dialog = await customerView.openAddCustomStep('deploy');
    await expect(dialog.addToTemplate).not.toBeChecked();
    await dialog.submit();
    await expect(dialog.name).toHaveAccessibleDescription('A name is required.');
    await dialog.fill({
      name: 'Warm cache',
      type: 'Bash',
      content: 'redis-cli -n {{customer.namespace}} ping',
      position: 'After “Deploy app”',
    });
    await dialog.submit();
    await dialog.expectClosed();
    expect(await customerView.stepNames('deploy')).toEqual([
      'Deploy app',
      'Warm cache',
      'Run migration',
      'Update config',
    ]);
    await expect(customerView.step('deploy', 'Warm cache')).toContainText('Custom step');

    const again = await customerView.openAddCustomStep('deploy');
    await again.fill({ name: 'Drain node', position: 'Before “Deploy app”' });
    await again.submit();
    await again.expectClosed();
    expect(await customerView.stepNames('deploy')).toEqual([
      'Drain node',
      'Deploy app',
      'Warm cache',
      'Run migration',
      'Update config',
    ]);

    const panel = await customerView.view('deploy', 'Warm cache');
    await expect(panel.content).toHaveText('redis-cli -n acme-prod ping');
    await panel.close();

    // Nobody else has it.
    await matrix.goto(s.releaseId);
    await expect(matrix.cell('Warm cache', 'Beta')).toHaveAccessibleName(/not a step of this customer$/);
    await customerView.goto(s.releaseId, s.customers.beta);
    expect(await customerView.stepNames('deploy')).toEqual(['Deploy app', 'Run migration', 'Update config']);
  });

  test('BR-S06: with "Add to template" every customer of the release gets the step', async ({
    page,
    customerView,
  }) => {
    const s = await seedDefault(page);
    await customerView.goto(s.releaseId, s.customers.acme);
    const dialog = await customerView.openAddCustomStep('verify');
    await dialog.fill({ name: 'Smoke test', type: 'Text', content: 'Open the app', addToTemplate: true });
    await dialog.submit();
    await dialog.expectClosed();
    expect(await customerView.stepNames('verify')).toEqual(['Health check', 'Smoke test']);
    await expect(customerView.step('verify', 'Smoke test')).not.toContainText('Custom step');
    await customerView.goto(s.releaseId, s.customers.cobalt);
    expect(await customerView.stepNames('verify')).toEqual(['Health check', 'Smoke test']);
  });
});
