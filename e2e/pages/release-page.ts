import { expect, type Locator, type Page } from '@playwright/test';
import { ActivationDialog } from './activation-dialog';
import { AddCustomersDialog } from './add-customers-dialog';

/** One release (/releases/<id>): header facts, lifecycle actions, views, progress, the matrix region. */
export class ReleasePage {
  readonly facts: Locator;
  readonly editButton: Locator;
  readonly activateButton: Locator;
  readonly addCustomersButton: Locator;
  readonly cloneButton: Locator;
  readonly archiveButton: Locator;
  readonly unarchiveButton: Locator;
  readonly viewsNav: Locator;
  readonly overviewTab: Locator;
  readonly stepsTab: Locator;
  readonly matrixRegion: Locator;
  readonly participants: Locator;
  readonly activation: ActivationDialog;
  readonly addCustomers: AddCustomersDialog;
  readonly archiveDialog: Locator;

  constructor(readonly page: Page) {
    this.facts = page.getByTestId('release-facts');
    this.editButton = page.getByRole('link', { name: 'Edit', exact: true });
    this.activateButton = page.getByRole('button', { name: 'Activate', exact: true });
    this.addCustomersButton = page.getByRole('button', { name: 'Add customers', exact: true });
    this.cloneButton = page.getByRole('button', { name: 'Clone', exact: true });
    this.archiveButton = page.getByRole('button', { name: 'Archive', exact: true });
    this.unarchiveButton = page.getByRole('button', { name: 'Un-archive', exact: true });
    this.viewsNav = page.getByRole('navigation', { name: 'Release views' });
    this.overviewTab = this.viewsNav.getByRole('link', { name: 'Overview' });
    this.stepsTab = this.viewsNav.getByRole('link', { name: 'Template steps' });
    this.matrixRegion = page.getByRole('region', { name: 'Steps by customer' });
    this.participants = page.getByTestId('participants');
    this.activation = new ActivationDialog(page);
    this.addCustomers = new AddCustomersDialog(page);
    this.archiveDialog = page.getByRole('dialog', { name: /^Archive / });
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name, exact: true });
  }

  /** `timeout` for releases of 1,000 customers, which take seconds to open on a busy machine. */
  async expectLoaded(name: string, timeout?: number): Promise<void> {
    await expect(this.heading(name)).toBeVisible({ timeout });
    await expect(this.page).toHaveTitle(`${name} · Runsheet`);
  }

  /** The status badge in the header: Draft, Active or Archived. */
  async expectStatus(status: 'Draft' | 'Active' | 'Archived'): Promise<void> {
    await expect(this.facts.locator('[data-release-status]')).toHaveText(status);
  }

  async expectType(type: 'Onboarding' | 'Release' | 'Hotfix'): Promise<void> {
    await expect(this.facts.locator('[data-release-type]')).toHaveText(type);
  }

  /** A progress bar by its label ("Overall progress", "Deploy progress", "<cluster> progress"). */
  progress(label: string): Locator {
    return this.page.getByRole('progressbar', { name: label, exact: true });
  }

  async archive(): Promise<void> {
    await this.archiveButton.click();
    await expect(this.archiveDialog).toBeVisible();
    await this.archiveDialog.getByRole('button', { name: 'Archive release' }).click();
    await expect(this.archiveDialog).toBeHidden();
    await this.expectStatus('Archived');
  }

  /** The release id in the address bar (the part after /releases/). */
  idFromUrl(): string {
    const match = /\/releases\/([^/?#]+)/.exec(this.page.url());
    if (!match?.[1]) throw new Error(`not on a release page: ${this.page.url()}`);
    return match[1];
  }
}
