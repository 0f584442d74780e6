import { expect, test } from './fixtures';
import { CustomersPage, ReleasesPage } from './pages';

test('the service worker controls the page after the first visit', async ({ page, shell, dashboard }) => {
  await dashboard.goto();
  // clientsClaim: the very first visit is controlled once the worker activates, no reload needed.
  await shell.waitForServiceWorker();
  await page.reload();
  await dashboard.expectLoaded();
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');
});

test('a deep link reloads offline', async ({ page, context, shell, customers }) => {
  await customers.goto();
  await shell.waitForServiceWorker();
  await context.setOffline(true);
  await page.reload();
  await customers.expectLoaded();
  await expect(shell.nav).toBeVisible();
});

test('a deep link never visited before opens cold while offline', async ({
  context,
  page,
  shell,
  dashboard,
}) => {
  await dashboard.goto();
  await shell.waitForServiceWorker();
  await context.setOffline(true);
  await page.close();

  // A new tab, straight to a URL this browser has not loaded yet: the worker answers with the app shell.
  const cold = await context.newPage();
  const releases = new ReleasesPage(cold);
  await releases.goto();
  await expect(releases.shell.nav).toBeVisible();

  // Moving around offline loads each screen's code from the precache.
  await releases.shell.navLink('Customers').click();
  await new CustomersPage(cold).expectLoaded();
});

test('an unknown URL offline still shows not-found, not a browser error', async ({
  context,
  page,
  shell,
  dashboard,
  notFound,
}) => {
  await dashboard.goto();
  await shell.waitForServiceWorker();
  await context.setOffline(true);
  await page.goto('/still/no-such-page');
  await expect(notFound.heading).toBeVisible();
});
