import { expect, test } from './matrix-fixtures';
import { runCommand, seedDefault, stepIdOf, type TestApi } from './support/seed';

// FV-001: the dashboard with data.

test('FV-001: active releases with progress, clusters with customer counts, quick stats, recent activity', async ({
  page,
  dashboard,
  matrix,
}) => {
  const s = await seedDefault(page);
  const r = s.releaseId;
  await runCommand(page, 'markDone', {
    releaseId: r,
    stepId: stepIdOf(s.customers.acme, s.templates.deploy),
  });
  await runCommand(page, 'skipStep', {
    releaseId: r,
    stepId: stepIdOf(s.customers.beta, s.templates.migrate),
    reason: 'no database',
  });
  await dashboard.goto();

  const release = dashboard.activeReleases.getByRole('link', { name: 'v2.5.0' });
  await expect(release).toBeVisible();
  // Progress is the domain's releaseProgress: the average of the customers (PR-03), complete leads (PR-02).
  // Acme 1/4 done, Beta 1/4 skipped, Cobalt 0/4: complete = (25 + 25 + 0) / 3 = 16 %, done = 8 %.
  const bar = dashboard.activeReleases.getByRole('progressbar', { name: 'Progress of v2.5.0' });
  await expect(bar).toHaveAttribute('aria-valuenow', '16');
  await expect(bar).toHaveAttribute('aria-valuetext', '16% complete (1 done, 1 skipped of 12)');

  await expect(dashboard.clustersCard.getByRole('listitem')).toHaveText([
    'prod-eu2 customers',
    'prod-us1 customer',
  ]);
  await expect(dashboard.stat('pending')).toHaveText('10');
  await expect(dashboard.stat('done')).toHaveText('1');
  await expect(dashboard.stat('skipped')).toHaveText('1');
  await expect(dashboard.stat('reverted')).toHaveText('0');

  // Each line: release, customer with cluster / namespace, step, action, who, when. Newest first.
  const lines = dashboard.activityLines();
  await expect(lines).toHaveCount(2);
  await expect(lines.nth(0)).toContainText('[v2.5.0]');
  await expect(lines.nth(0)).toContainText('Beta(prod-eu / beta-prod)');
  await expect(lines.nth(0)).toContainText('Run migration');
  await expect(lines.nth(0)).toContainText('Skipped');
  await expect(lines.nth(0)).toContainText('You (this device)');
  await expect(lines.nth(0).locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
  await expect(lines.nth(1)).toContainText('Acme(prod-eu / acme-prod)');
  await expect(lines.nth(1)).toContainText('Deploy app');
  await expect(lines.nth(1)).toContainText('Marked done');

  // A line leads to its step.
  await lines.nth(0).getByRole('link', { name: '[v2.5.0]' }).click();
  await expect(page.getByRole('dialog', { name: 'Run migration' })).toContainText('Beta');
  await page.keyboard.press('Escape');
  await expect(matrix.grid).toBeVisible();
});

test('the dashboard follows changes live, and keeps "Find a customer"', async ({ page, dashboard }) => {
  const s = await seedDefault(page);
  await dashboard.goto();
  await expect(dashboard.stat('done')).toHaveText('0');
  await expect(dashboard.customerSearch).toBeVisible();
  // A change made while the dashboard is open (as from another tab or device) shows without a reload.
  await page.goto('/?bench=1');
  await page.waitForFunction(() => '__runsheet' in window);
  await expect(dashboard.stat('done')).toHaveText('0');
  await page.evaluate(
    async ({ releaseId, stepId }) => {
      await (window as unknown as { __runsheet?: TestApi }).__runsheet?.run('markDone', {
        releaseId,
        stepId,
      });
    },
    { releaseId: s.releaseId, stepId: stepIdOf(s.customers.cobalt, s.templates.health) },
  );
  await expect(dashboard.stat('done')).toHaveText('1');
  await expect(dashboard.activityLines().first()).toContainText('Cobalt(prod-us / cobalt-prod)');
  await expect(dashboard.activityLines().first()).toContainText('Health check');
});
