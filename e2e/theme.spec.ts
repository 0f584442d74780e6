import { expect, test } from './fixtures';
import { DashboardPage } from './pages';

test('follows the system theme by default', async ({ page, shell, dashboard }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await dashboard.goto();
  expect(await shell.appliedTheme()).toBe('dark');
  await expect(shell.themeButton).toHaveAccessibleName('Theme: System');

  // An OS switch while the page is open is followed at once.
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => shell.appliedTheme()).toBe('light');
});

test('a chosen theme survives a reload', async ({ page, shell, settings }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await settings.goto();
  await shell.chooseTheme('Dark');
  expect(await shell.appliedTheme()).toBe('dark');

  await page.reload();
  await settings.expectLoaded();
  expect(await shell.appliedTheme()).toBe('dark');
  await expect(shell.themeButton).toHaveAccessibleName('Theme: Dark');

  await shell.chooseTheme('System');
  expect(await shell.appliedTheme()).toBe('light');
});

test('the stored theme is on the page before any app code runs (no flash)', async ({ browser, baseURL }) => {
  // No service worker here, so the route below sees every request; the app bundle never loads.
  const context = await browser.newContext({ baseURL, serviceWorkers: 'block', colorScheme: 'light' });
  await context.addInitScript(() => localStorage.setItem('runsheet:theme', 'dark'));
  await context.route(/\/assets\/.*\.js$/, (route) => route.abort());
  const page = await context.newPage();
  await page.goto('/releases');
  const root = await page.evaluate(() => ({
    dark: document.documentElement.classList.contains('dark'),
    scheme: document.documentElement.style.colorScheme,
    appRendered: document.getElementById('root')?.childElementCount ?? 0,
  }));
  expect(root).toEqual({ dark: true, scheme: 'dark', appRendered: 0 });
  await context.close();
});

test('two tabs agree on the theme', async ({ context, shell, dashboard }) => {
  await dashboard.goto();
  const other = new DashboardPage(await context.newPage());
  await other.goto();
  await shell.chooseTheme('Dark');
  await expect.poll(() => other.shell.appliedTheme()).toBe('dark');
  await expect(other.shell.themeButton).toHaveAccessibleName('Theme: Dark');
});
