import { expect, test } from './matrix-fixtures';
import { seedDefault } from './support/seed';

// The command palette (Ctrl/Cmd+K): named actions shared with buttons and shortcuts.

test.describe('command palette', () => {
  test('Ctrl+K goes to a release, then to a customer of it (named with its cluster / namespace), then a cluster', async ({
    page,
    dashboard,
    palette,
    matrix,
    customerView,
  }) => {
    const s = await seedDefault(page);
    await dashboard.goto();
    await palette.open();
    await palette.run('v2.5', 'v2.5.0');
    await expect(matrix.grid).toBeVisible();

    await palette.open();
    await expect(palette.option(/^Beta/)).toContainText('prod-eu / beta-prod');
    await palette.run('beta-prod', /^Beta/);
    await expect(customerView.heading('Beta')).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/customers/${s.customers.beta.slice('customer:'.length)}$`));

    // A cluster, from a release page: the matrix filtered to it.
    await palette.open();
    await palette.run('prod-us', /^prod-us/);
    await expect.poll(() => matrix.columnNames()).toEqual(['prod-us', 'Cobalt']);

    // Outside a release, a cluster and a customer lead to their own pages.
    await palette.open();
    // Entries are found by the words they show, never by the random letters of their ids.
    await palette.input.fill('dashboard');
    await expect(palette.option('Dashboard')).toBeVisible();
    await expect(palette.option(/^(Acme|Beta|Cobalt)/)).toHaveCount(0);
    await palette.run('dashboard', 'Dashboard');
    await palette.open();
    await palette.run('prod-us', /^prod-us/);
    await expect(page).toHaveURL(/\/clusters\/[^/]+$/);
    await expect(page.getByRole('heading', { level: 1, name: 'prod-us' })).toBeVisible();
    await palette.open();
    await palette.run('cobalt', /^Cobalt/);
    await expect(page).toHaveURL(/\/customers\/[^/]+$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Cobalt' })).toBeVisible();

    // Pages too, and Escape closes without doing anything.
    await palette.open();
    await page.keyboard.press('Escape');
    await expect(palette.root).toBeHidden();
    await palette.open();
    await palette.run('settings', 'Settings');
    await expect(page).toHaveURL(/\/settings$/);
  });

  test('the button opens it too, and it offers the open screens’ actions: step panel and matrix', async ({
    page,
    dashboard,
    palette,
    matrix,
  }) => {
    const s = await seedDefault(page);
    await dashboard.goto();
    await expect(dashboard.paletteButton).toHaveAccessibleName('Go to…');
    await dashboard.paletteButton.click();
    await expect(palette.root).toBeVisible();
    await page.keyboard.press('Escape');

    await matrix.goto(s.releaseId);
    await palette.open();
    await palette.run('collapse all', 'Collapse all');
    await expect.poll(() => matrix.columnNames()).toEqual(['prod-eu', 'prod-us']);

    await palette.open();
    await palette.run('expand all', 'Expand all');
    const panel = await matrix.open('Update config', 'Cobalt');
    await palette.open();
    await expect(palette.option(/^Mark done/)).toContainText('D');
    await palette.run('mark done', /^Mark done/);
    await panel.expectStatus('done');
    await expect(panel.notice()).toHaveText('Update config done for prod-us / cobalt-prod');
  });

  test('it offers the customer view’s actions too: Mark all and Add custom step, per category', async ({
    page,
    palette,
    customerView,
  }) => {
    const s = await seedDefault(page);
    await customerView.goto(s.releaseId, s.customers.beta);
    await palette.open();
    await expect(palette.option(/^Add custom verify step/)).toBeVisible();
    await palette.run('mark all deploy', /^Mark all deploy steps done/);
    // The same confirmation as the button's, then the same result.
    await expect(customerView.markAllDialog).toContainText(
      '3 pending deploy steps of Beta (prod-eu / beta-prod)',
    );
    await customerView.markAllDialog.getByRole('button', { name: 'Mark 3 done' }).click();
    await expect(customerView.sectionHeading('deploy')).toHaveText('Deploy steps (3/3 done)');
    // Nothing pending is left in deploy, so the palette no longer offers to mark it.
    await palette.open();
    await expect(palette.option(/^Mark all verify steps done/)).toBeVisible();
    await expect(palette.option(/^Mark all deploy steps done/)).toHaveCount(0);
    await palette.run('add custom deploy', /^Add custom deploy step/);
    await expect(customerView.customStepDialog.root).toBeVisible();
  });
});
