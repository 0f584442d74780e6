import { expect, type Locator, type Page } from '@playwright/test';
import { AppPage } from './app-page';
import { CatalogConflictsNotice } from './catalog-conflicts';

export type SortLabel = 'Cluster' | 'Name' | 'Progress';

/** The customers list (FM-004): filter text, cluster filter, sort, rows grouped by cluster. */
export class CustomersPage extends AppPage {
  readonly path = '/customers';
  readonly headingText = 'Customers';
  readonly title = 'Customers · Runsheet';
  readonly newCustomerButton: Locator;
  readonly filterText: Locator;
  readonly clusterFilter: Locator;
  readonly showArchived: Locator;
  readonly reverseOrder: Locator;
  readonly list: Locator;
  readonly rows: Locator;
  readonly count: Locator;
  readonly conflicts: CatalogConflictsNotice;

  constructor(page: Page) {
    super(page);
    this.newCustomerButton = page.getByRole('link', { name: 'New customer' });
    this.filterText = page.getByRole('searchbox', { name: 'Filter by name or namespace' });
    this.clusterFilter = page.getByRole('button', { name: /^Filter by cluster:/ });
    this.showArchived = page.getByRole('checkbox', { name: 'Show archived' });
    this.reverseOrder = page.getByRole('button', { name: 'Reverse order' });
    this.list = page.getByRole('list', { name: 'Customers' });
    this.rows = page.getByTestId('customer-row');
    this.count = page.getByTestId('customer-count');
    this.conflicts = new CatalogConflictsNotice(page);
  }

  /** The empty state's heading, which echoes a search from the dashboard. */
  get emptyState(): Locator {
    return this.page.getByRole('main').getByRole('heading', { level: 2 });
  }

  sortBy(label: SortLabel): Locator {
    return this.page.getByRole('radio', { name: label, exact: true });
  }

  /** Picks a sort the way a pointer does: by its visible label (the radio itself is visually hidden). */
  async chooseSort(label: SortLabel): Promise<void> {
    await this.page
      .locator('label')
      .filter({ has: this.sortBy(label) })
      .click();
    await expect(this.sortBy(label)).toBeChecked();
  }

  /** The group headings (cluster names) in the order shown, when sorted by cluster. */
  groupHeadings(): Locator {
    return this.list.getByRole('heading', { level: 2 });
  }

  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByText(name, { exact: true }) });
  }

  /** Customer names in the order shown. */
  async rowNames(): Promise<string[]> {
    return this.rows.locator('[data-customer-context] > span:first-child').allInnerTexts();
  }

  /** "cluster / namespace" of each row, in the order shown. */
  async rowContexts(): Promise<string[]> {
    return this.rows
      .locator('[data-customer-context]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-customer-context') ?? ''));
  }

  async filterByClusters(...names: string[]): Promise<void> {
    await this.clusterFilter.click();
    const menu = this.page.getByRole('menu');
    for (const name of names) {
      const item = menu.getByRole('menuitemcheckbox', { name });
      await item.click();
      await expect(item).toHaveAttribute('aria-checked', 'true');
    }
    await this.page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
  }

  async expectRows(names: string[]): Promise<void> {
    await expect.poll(() => this.rowNames()).toEqual(names);
  }
}
