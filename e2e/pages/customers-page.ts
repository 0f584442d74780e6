import type { Locator } from '@playwright/test';
import { AppPage } from './app-page';

export class CustomersPage extends AppPage {
  readonly path = '/customers';
  readonly headingText = 'Customers';
  readonly title = 'Customers · Runsheet';

  /** The empty state's heading, which echoes a search from the dashboard. */
  get emptyState(): Locator {
    return this.page.getByRole('heading', { level: 2 });
  }
}
