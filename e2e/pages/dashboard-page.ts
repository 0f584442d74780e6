import type { Locator, Page } from '@playwright/test';
import { AppPage } from './app-page';

export class DashboardPage extends AppPage {
  readonly path = '/';
  readonly headingText = 'Dashboard';
  readonly title = 'Dashboard · Runsheet';
  readonly customerSearch: Locator;
  readonly searchButton: Locator;

  constructor(page: Page) {
    super(page);
    this.customerSearch = page.getByRole('searchbox', { name: 'Find a customer' });
    this.searchButton = page.getByRole('button', { name: 'Search', exact: true });
  }

  async searchCustomer(text: string): Promise<void> {
    await this.customerSearch.fill(text);
    await this.searchButton.click();
  }
}
