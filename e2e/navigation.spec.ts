import { expect, test } from './fixtures';
import { NAV_LABELS, screens } from './pages';

test.describe('every route', () => {
  for (const screen of screens) {
    test(`${screen.name} renders its heading, title and the navigation`, async ({ page }) => {
      const model = screen.create(page);
      await model.goto();
      await expect(model.shell.nav).toBeVisible();
      for (const label of NAV_LABELS) await expect(model.shell.navLink(label)).toBeVisible();
      // The shared test server has no account yet: the header offers to set sync up (sync*.spec.ts test it).
      await expect(model.shell.syncStatus).toHaveText('Set up sync');
      if (screen.nav) await model.shell.expectActive(screen.nav);
      // Exactly one <h1> per page.
      await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    });
  }
});

test('the navigation moves between screens, marks the current one, and every title differs', async ({
  page,
  shell,
  dashboard,
  clusters,
  customers,
  releases,
  settings,
  notFound,
}) => {
  await notFound.goto();
  const titles = [await page.title()];
  await dashboard.goto();
  for (const [label, model] of [
    ['Clusters', clusters],
    ['Customers', customers],
    ['Releases', releases],
    ['Settings', settings],
    ['Dashboard', dashboard],
  ] as const) {
    await shell.navLink(label).click();
    await model.expectLoaded();
    await expect(page).toHaveURL(model.path);
    await shell.expectActive(label);
    titles.push(await page.title());
  }
  // Not found plus the five screens: six different titles.
  expect(new Set(titles).size).toBe(6);
});

test('an unknown URL says the page does not exist and links home', async ({ page, notFound, dashboard }) => {
  await notFound.goto();
  await expect(page.getByText('This page doesn’t exist.')).toBeVisible();
  await notFound.homeLink.click();
  await dashboard.expectLoaded();
});

test('the brand link goes home', async ({ page, shell, releases, dashboard }) => {
  await releases.goto();
  await shell.header.getByRole('link', { name: 'Runsheet' }).click();
  await dashboard.expectLoaded();
  await expect(page).toHaveURL('/');
});
