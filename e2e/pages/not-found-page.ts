import type { Locator, Page } from '@playwright/test';
import { AppPage } from './app-page';

export class NotFoundPage extends AppPage {
  readonly headingText = 'Page not found';
  readonly title = 'Page not found · Runsheet';
  readonly homeLink: Locator;

  constructor(
    page: Page,
    readonly path = '/no-such-page',
  ) {
    super(page);
    this.homeLink = page.getByRole('main').getByRole('link', { name: 'Go to the dashboard' });
  }
}
