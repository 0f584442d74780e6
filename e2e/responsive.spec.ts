import { expect, test } from './fixtures';
import { NAV_LABELS, screens } from './pages';

test.describe('at 768 px portrait', () => {
  test.use({ viewport: { width: 768, height: 1024 } });

  for (const screen of screens) {
    test(`${screen.name} has no horizontal overflow and the whole navigation in view`, async ({ page }) => {
      const model = screen.create(page);
      await model.goto();
      expect(await model.shell.horizontalOverflow()).toBeLessThanOrEqual(0);
      await expect(model.shell.menuButton).toBeHidden();
      for (const label of NAV_LABELS) await expect(model.shell.navLink(label)).toBeInViewport({ ratio: 1 });
    });
  }
});

test.describe('below 768 px', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the navigation folds into a menu that still gets everywhere', async ({
    shell,
    dashboard,
    customers,
  }) => {
    await dashboard.goto();
    expect(await shell.horizontalOverflow()).toBeLessThanOrEqual(0);
    await expect(shell.nav).toBeHidden();
    await shell.menuButton.click();
    await expect(shell.menuSheet).toBeVisible();
    await shell.menuSheet.getByRole('link', { name: 'Customers' }).click();
    await customers.expectLoaded();
    await expect(shell.menuSheet).toBeHidden();
  });
});
