import type { Locator, Page } from '@playwright/test';
import { AppPage } from './app-page';
import { CatalogConflictsNotice } from './catalog-conflicts';

/** One customer (/customers/:id): where it runs, its actions, its release history (FM-005). */
export class CustomerDetailPage extends AppPage {
  readonly path = '';
  readonly title: string;
  readonly context: Locator;
  readonly editLink: Locator;
  readonly moveButton: Locator;
  readonly archiveButton: Locator;
  readonly restoreButton: Locator;
  readonly alert: Locator;
  readonly details: Locator;
  readonly releaseHistory: Locator;
  readonly moveDialog: Locator;
  readonly conflicts: CatalogConflictsNotice;

  constructor(
    page: Page,
    readonly headingText: string,
  ) {
    super(page);
    this.title = `${headingText} · Runsheet`;
    const main = page.getByRole('main');
    this.context = main.locator('[data-customer-context]').first();
    this.editLink = main.getByRole('link', { name: 'Edit', exact: true });
    this.moveButton = main.getByRole('button', { name: 'Move…', exact: true });
    this.archiveButton = main.getByRole('button', { name: 'Archive', exact: true });
    this.restoreButton = main.getByRole('button', { name: 'Restore', exact: true });
    this.alert = main.locator(':scope > [role="alert"]');
    this.details = page.getByTestId('details');
    this.releaseHistory = page.getByTestId('release-history-row');
    this.moveDialog = page.getByRole('dialog');
    this.conflicts = new CatalogConflictsNotice(page);
  }

  detail(term: string): Locator {
    return this.details.locator(`dt:text-is("${term}") + dd`);
  }
}
