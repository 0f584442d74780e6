import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

/** A focus indicator is an outline or a box-shadow ring that is actually drawn. */
async function hasVisibleFocus(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 1;
    const ring = style.boxShadow !== 'none' && style.boxShadow !== '';
    return outline || ring;
  });
}

test('Tab reaches the skip link first, and it jumps to the content', async ({ page, shell, clusters }) => {
  await clusters.goto();
  await page.keyboard.press('Tab');
  await expect(shell.skipLink).toBeFocused();
  await expect(shell.skipLink).toBeVisible();
  expect(await hasVisibleFocus(shell.skipLink)).toBe(true);

  await page.keyboard.press('Enter');
  await expect(shell.main).toBeFocused();
  await expect(page).toHaveURL(/#main$/);
});

test('Tab walks through the brand and the navigation with a visible focus ring', async ({
  page,
  shell,
  dashboard,
}) => {
  await dashboard.goto();
  await page.keyboard.press('Tab'); // skip link
  await page.keyboard.press('Tab'); // brand
  await expect(shell.header.getByRole('link', { name: 'Runsheet' })).toBeFocused();
  for (const label of ['Dashboard', 'Clusters', 'Customers', 'Releases', 'Inventory', 'Settings'] as const) {
    await page.keyboard.press('Tab');
    const link = shell.navLink(label);
    await expect(link).toBeFocused();
    expect(await hasVisibleFocus(link), `${label} shows focus`).toBe(true);
  }
  // The sync status opens its details, so it is a button in the tab order too.
  await page.keyboard.press('Tab');
  await expect(shell.syncStatus).toBeFocused();
  expect(await hasVisibleFocus(shell.syncStatus)).toBe(true);
  await page.keyboard.press('Tab');
  await expect(shell.themeButton).toBeFocused();
  expect(await hasVisibleFocus(shell.themeButton)).toBe(true);
});

test('the theme menu works from the keyboard', async ({ page, shell, dashboard }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await dashboard.goto();
  await shell.themeButton.focus();
  await page.keyboard.press('Enter');
  const dark = page.getByRole('menuitemradio', { name: 'Dark' });
  await expect(page.getByRole('menu')).toBeVisible();
  // Light, Dark, System: the current choice (System) is not where the arrow keys start, so walk to Dark.
  for (let step = 0; step < 3 && !(await dark.evaluate((el) => el === document.activeElement)); step++) {
    await page.keyboard.press('ArrowDown');
  }
  await expect(dark).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menu')).toBeHidden();
  expect(await shell.appliedTheme()).toBe('dark');
  await expect(shell.themeButton).toBeFocused();
});

test('Enter in the search field submits it', async ({ page, dashboard, customers }) => {
  await dashboard.goto();
  await dashboard.customerSearch.focus();
  await page.keyboard.type('cust-a');
  expect(await hasVisibleFocus(dashboard.customerSearch)).toBe(true);
  await page.keyboard.press('Enter');
  await customers.expectLoaded();
});

test('a change of page is read out, and the activated link keeps focus while it is still there', async ({
  page,
  shell,
  dashboard,
  customers,
}) => {
  await dashboard.goto();
  await shell.navLink('Customers').focus();
  await page.keyboard.press('Enter');
  await customers.expectLoaded();
  await expect(page.getByTestId('route-announcer')).toHaveText('Customers');
  await expect(shell.navLink('Customers')).toBeFocused();
});

test('when the activated link leaves with its page, focus moves to the new page heading', async ({
  page,
  notFound,
  dashboard,
}) => {
  await notFound.goto();
  await notFound.homeLink.focus();
  await page.keyboard.press('Enter');
  await dashboard.expectLoaded();
  const heading = page.getByRole('heading', { level: 1, name: 'Dashboard' });
  await expect(heading).toBeFocused();
  await expect(page.getByTestId('route-announcer')).toHaveText('Dashboard');
  // Tab goes on from the top of the new page's content, not from the start of the document.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('#main') !== null)).toBe(true);
});
