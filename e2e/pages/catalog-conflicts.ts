import type { Locator, Page } from '@playwright/test';

/** The notice of clashes that arrived from another device (duplicate names and namespaces). */
export class CatalogConflictsNotice {
  readonly region: Locator;

  constructor(page: Page) {
    this.region = page.getByTestId('catalog-conflicts');
  }

  /** One clash: the list item whose text mentions `text` (a cluster name, a namespace). */
  conflict(kind: 'duplicate-cluster-name' | 'duplicate-namespace' | 'customer-in-archived-cluster'): Locator {
    return this.region.locator(`[data-conflict="${kind}"]`);
  }

  /** The way out named `action` (Rename, Archive, Edit, Restore) for the entity called `name`. */
  action(action: string, name: string): Locator {
    return this.region
      .getByRole('button', { name: `${action} ${name}`, exact: true })
      .or(this.region.getByRole('link', { name: `${action} ${name}`, exact: true }));
  }
}
