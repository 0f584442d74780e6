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
});
