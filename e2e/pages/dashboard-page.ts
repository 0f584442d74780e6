import type { Locator, Page } from '@playwright/test';
import { AppPage } from './app-page';

export class DashboardPage extends AppPage {
  readonly path = '/';
  readonly headingText = 'Dashboard';
  readonly title = 'Dashboard · Runsheet';
  readonly customerSearch: Locator;
  readonly searchButton: Locator;
  readonly activeReleases: Locator;
  readonly clustersCard: Locator;
  readonly quickStats: Locator;
  readonly recentActivity: Locator;
  readonly paletteButton: Locator;

  constructor(page: Page) {
    super(page);
    this.customerSearch = page.getByRole('searchbox', { name: 'Find a customer' });
    this.searchButton = page.getByRole('button', { name: 'Search', exact: true });
    this.activeReleases = page.getByTestId('active-releases');
    this.clustersCard = page.getByTestId('clusters-summary');
    this.quickStats = page.getByTestId('quick-stats');
    this.recentActivity = page.getByTestId('recent-activity');
    this.paletteButton = page.locator('[data-action="palette.open"]');
  }

  /** A quick-stats figure: pending, done, skipped or reverted steps of the active releases. */
  stat(name: 'pending' | 'done' | 'skipped' | 'reverted'): Locator {
    return this.quickStats.locator(`[data-stat="${name}"]`);
  }

  /** Lines of the recent activity, newest first. */
  activityLines(): Locator {
    return this.recentActivity.getByRole('listitem');
  }

  async searchCustomer(text: string): Promise<void> {
    await this.customerSearch.fill(text);
    await this.searchButton.click();
  }
}
