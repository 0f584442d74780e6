import { expect, test } from './fixtures';
import { screens } from './pages';
import { axeViolations as violations } from './support/axe';

// Every screen, in both themes. The update toast is checked in drafts-and-update.spec.ts, where it shows.
for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    for (const screen of screens) {
      test(`${screen.name} has no axe violations`, async ({ page }) => {
        const model = screen.create(page);
        await model.goto();
        expect(await model.shell.appliedTheme()).toBe(scheme);
        expect(await violations(page)).toEqual([]);
      });
    }

    test('the open theme menu has no axe violations', async ({ page, shell, dashboard }) => {
      await dashboard.goto();
      await shell.themeButton.click();
      await expect(page.getByRole('menu')).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });

    test('the navigation sheet on a narrow screen has no axe violations', async ({
      page,
      shell,
      releases,
    }) => {
      await page.setViewportSize({ width: 390, height: 800 });
      await releases.goto();
      await shell.menuButton.click();
      await expect(shell.menuSheet).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });
  });
}
