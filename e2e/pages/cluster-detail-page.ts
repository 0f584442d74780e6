import type { Locator, Page } from '@playwright/test';
import { AppPage } from './app-page';
import { CatalogConflictsNotice } from './catalog-conflicts';

/** One cluster (/clusters/:id): details, actions, and its customers in the active releases (FV-006). */
export class ClusterDetailPage extends AppPage {
  readonly path = '';
  readonly title: string;
  readonly editLink: Locator;
  readonly addCustomerLink: Locator;
  readonly archiveButton: Locator;
  readonly restoreButton: Locator;
  readonly alert: Locator;
  readonly details: Locator;
  readonly customersTable: Locator;
  readonly archivedCustomersTable: Locator;
  readonly conflicts: CatalogConflictsNotice;

  constructor(
    page: Page,
    readonly headingText: string,
  ) {
    super(page);
    this.title = `${headingText} · Runsheet`;
    const main = page.getByRole('main');
    this.editLink = main.getByRole('link', { name: 'Edit', exact: true });
    this.addCustomerLink = main.getByRole('link', { name: 'Add customer', exact: true });
    this.archiveButton = main.getByRole('button', { name: 'Archive', exact: true });
    this.restoreButton = main.getByRole('button', { name: 'Restore', exact: true });
    this.alert = main.locator(':scope > [role="alert"]');
    this.details = page.getByTestId('details');
    this.customersTable = page.getByRole('table', { name: `Customers on ${headingText}`, exact: true });
    this.archivedCustomersTable = page.getByRole('table', {
      name: `Archived customers on ${headingText}`,
      exact: true,
    });
    this.conflicts = new CatalogConflictsNotice(page);
  }

  /** The value shown for a detail (Kubeconfig path, Description, Status) or a metadata key. */
  detail(term: string): Locator {
    return this.details.locator(`dt:text-is("${term}") + dd`);
  }

  customerRow(name: string): Locator {
    return this.customersTable.getByRole('row').filter({ hasText: name });
  }

  /** The progress bar of a customer in a release (its accessible name). */
  progress(customer: string, release: string): Locator {
    return this.page.getByRole('progressbar', { name: `${customer} in ${release}`, exact: true });
  }
}
