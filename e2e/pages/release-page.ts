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
  /** Progress by cluster: a compact strip that scrolls past a few clusters. */
  readonly clusterProgress: Locator;
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
    this.clusterProgress = page.getByRole('region', { name: /^By cluster/ });
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

  /** Orders the clusters' progress ("Name" or "Least complete"), by the visible label as a pointer does. */
  async sortClusters(by: 'Name' | 'Least complete'): Promise<void> {
    const group = this.page.getByRole('group', { name: 'Sort clusters by' });
    const radio = this.page.getByRole('radio', { name: by, exact: true });
    await group.locator('label').filter({ has: radio }).click();
    await expect(group.getByRole('radio', { name: by, exact: true })).toBeChecked();
  }

  /** The clusters in the order the strip lists them, by their progress bars' names. */
  async clusterOrder(): Promise<string[]> {
    const labels = await this.clusterProgress
      .getByRole('progressbar')
      .evaluateAll((bars) => bars.map((bar) => bar.getAttribute('aria-label') ?? ''));
    return labels.map((label) => label.replace(/ progress$/, ''));
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
