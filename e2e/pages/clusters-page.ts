import type { Locator, Page } from '@playwright/test';
import { AppPage } from './app-page';
import { CatalogConflictsNotice } from './catalog-conflicts';

/** The clusters list (FC-004): a card per active cluster, archived ones folded away. */
export class ClustersPage extends AppPage {
  readonly path = '/clusters';
  readonly headingText = 'Clusters';
  readonly title = 'Clusters · Runsheet';
  readonly newClusterButton: Locator;
  readonly cards: Locator;
  readonly archivedSection: Locator;
  readonly archivedSummary: Locator;
  readonly conflicts: CatalogConflictsNotice;

  constructor(page: Page) {
    super(page);
    this.newClusterButton = page.getByRole('link', { name: 'New cluster' });
    this.cards = page.getByTestId('cluster-card');
    this.archivedSection = page.getByTestId('archived-clusters');
    this.archivedSummary = this.archivedSection.locator('summary');
    this.conflicts = new CatalogConflictsNotice(page);
  }

  /** The card of the cluster called `name` (its heading is the name). */
  card(name: string): Locator {
    return this.cards.filter({ has: this.page.getByRole('heading', { name, exact: true }) });
  }

  cardLink(name: string): Locator {
    return this.card(name).getByRole('heading', { name, exact: true }).getByRole('link');
  }

  async cardNames(): Promise<string[]> {
    return this.cards.getByRole('heading').allInnerTexts();
  }

  archiveButton(name: string): Locator {
    return this.card(name).getByRole('button', { name: `Archive ${name}`, exact: true });
  }

  editLink(name: string): Locator {
    return this.card(name).getByRole('link', { name: `Edit ${name}`, exact: true });
  }

  archived(name: string): Locator {
    return this.archivedSection.getByTestId('archived-cluster').filter({ hasText: name });
  }

  async openArchived(): Promise<void> {
    await this.archivedSummary.click();
  }

  restoreButton(name: string): Locator {
    return this.archived(name).getByRole('button', { name: `Restore ${name}`, exact: true });
  }
}
