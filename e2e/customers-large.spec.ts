import { expect, test } from './fixtures';
import { openWithTestApi, seedMany } from './support/catalog';

// Above 200 customers the list renders only the rows near the viewport (customer-list.tsx).
test('a long list keeps only the rows in view in the page, and still reaches every customer', async ({
  page,
  customers,
}) => {
  await openWithTestApi(page, '/customers');
  await seedMany(page, 5, 300);
  await customers.goto();
  await expect(customers.count).toHaveText('300 customers');
  await expect(customers.list).toHaveAttribute('data-virtual', 'true');
  const inDom = await customers.rows.count();
  expect(inDom).toBeGreaterThan(5);
  expect(inDom).toBeLessThan(60);

  // Scrolling to the end brings the last customer of the last group in.
  await customers.chooseSort('Name');
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect(customers.row('Customer 0299')).toBeVisible();
  await expect(customers.rows).not.toHaveCount(300);

  // Tabbing walks down the rows: each focused row is scrolled into view and the next ones come in.
  await page.evaluate(() => window.scrollTo(0, 0));
  await customers
    .row('Customer 0000')
    .getByRole('link', { name: /^Customer 0000/ })
    .focus();
  // Two stops a row (the name, then Edit). Paced like a person, a row at a time: pressed faster than the
  // page can render, on a loaded machine, Tab can run past the rows rendered so far.
  for (let i = 1; i <= 30; i++) {
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const name = `Customer ${String(i).padStart(4, '0')}`;
    await expect(customers.row(name).getByRole('link', { name: new RegExp(`^${name}`) })).toBeFocused();
  }

  // Filtering still searches all of them.
  await customers.filterText.fill('customer-0123');
  await customers.expectRows(['Customer 0123']);
});
