import { expect, type Locator } from '@playwright/test';
import { AppPage } from './app-page';
import { selectOption } from './select-option';

export type ReleaseStatusLabel = 'All statuses' | 'Draft' | 'Active' | 'Archived';
export type ReleaseTypeLabel = 'All types' | 'Onboarding' | 'Release' | 'Hotfix';

/** The release list (FV-002): the table, its filters and "New release". */
export class ReleasesPage extends AppPage {
  readonly path = '/releases';
  readonly headingText = 'Releases';
  readonly title = 'Releases · Runsheet';

  get newReleaseButton(): Locator {
    return this.page.getByRole('link', { name: 'New release' });
  }

  get table(): Locator {
    return this.page.getByRole('table', { name: 'Releases' });
  }

  get statusFilter(): Locator {
    return this.page.getByRole('combobox', { name: 'Status' });
  }

  get typeFilter(): Locator {
    return this.page.getByRole('combobox', { name: 'Type' });
  }

  get noMatch(): Locator {
    return this.page.getByText('No release matches these filters.');
  }

  /** The row of the release with this name. */
  row(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  /** Waits until exactly these releases are listed, top to bottom. */
  async expectNames(names: string[]): Promise<void> {
    await expect(this.table.locator('tbody tr td:first-child')).toHaveText(names);
  }

  async filterByStatus(status: ReleaseStatusLabel): Promise<void> {
    await selectOption(this.page, this.statusFilter, status);
    await expect(this.statusFilter).toHaveText(status);
  }

  async filterByType(type: ReleaseTypeLabel): Promise<void> {
    await selectOption(this.page, this.typeFilter, type);
    await expect(this.typeFilter).toHaveText(type);
  }

  async open(name: string): Promise<void> {
    await this.table.getByRole('link', { name, exact: true }).click();
  }
}
