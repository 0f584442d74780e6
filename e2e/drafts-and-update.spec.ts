import { expect, test } from './fixtures';
import { axeViolations } from './support/axe';
import { publishNextVersion } from './support/next-version';

test('a half-typed search survives a reload and is cleared by submitting it', async ({
  page,
  dashboard,
  customers,
}) => {
  await dashboard.goto();
  await dashboard.customerSearch.fill('cust-b-prod');
  await page.reload();
  await dashboard.expectLoaded();
  await expect(dashboard.customerSearch).toHaveValue('cust-b-prod');

  await dashboard.searchButton.click();
  await customers.expectLoaded();
  await expect(page).toHaveURL('/customers?q=cust-b-prod');
  await expect(customers.emptyState).toHaveText('No customers match “cust-b-prod”');

  await customers.shell.navLink('Dashboard').click();
  await expect(dashboard.customerSearch).toHaveValue('');
});

test.describe('a new version', () => {
  let restore: (() => void) | undefined;
  test.afterEach(() => restore?.());

  // A first visit (the worker claimed the tab after load) and a returning one (controlled from the start)
  // take different paths through workbox-window; both must end up on the new version.
  for (const visit of ['first', 'returning'] as const) {
    test(`is offered on a ${visit} visit, and "Reload" switches to it without losing typed text`, async ({
      page,
      shell,
      dashboard,
    }) => {
      await dashboard.goto();
      await shell.waitForServiceWorker();
      if (visit === 'returning') {
        await page.reload();
        await dashboard.expectLoaded();
      }
      await dashboard.customerSearch.fill('half-typed namespa');

      // Deploy: the server now hosts a build whose index.html (and so sw.js) differ.
      const next = publishNextVersion();
      restore = next.restore;
      await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        await registration?.update();
      });

      await expect(shell.updateToast).toBeVisible({ timeout: 15_000 });
      // The new version waits: the page still runs the old one until the user says so.
      expect(await page.locator('meta[name="runsheet-build"]').count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);

      await Promise.all([
        page.waitForEvent('framenavigated'),
        shell.updateToast.getByRole('button', { name: 'Reload' }).click(),
      ]);
      await dashboard.expectLoaded();
      await expect(page.locator('meta[name="runsheet-build"]')).toHaveAttribute('content', next.marker);
      await expect(dashboard.customerSearch).toHaveValue('half-typed namespa');
      await expect(shell.updateToast).toHaveCount(0);
    });
  }
});
