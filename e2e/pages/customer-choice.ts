import { expect, type Locator, type Page } from '@playwright/test';

/** The customer picker inside the activation and add-customers dialogs (grouped by cluster). */
export class CustomerChoice {
  constructor(
    readonly page: Page,
    readonly dialog: Locator,
  ) {}

  get count(): Locator {
    return this.dialog.getByTestId('selection-count');
  }

  /** A customer's checkbox; its name carries cluster and namespace: "Acme (prod-eu / acme)". */
  customer(name: string): Locator {
    return this.dialog.getByRole('checkbox', { name: new RegExp(`^${escapeRegExp(name)} \\(`) });
  }

  /** The cluster group (a fieldset named by its legend). */
  cluster(name: string): Locator {
    return this.dialog.getByRole('group', { name: new RegExp(`^${escapeRegExp(name)} \\(`) });
  }

  async selectAll(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Select all', exact: true }).click();
  }

  async selectNone(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Select none', exact: true }).click();
  }

  async selectAllIn(cluster: string): Promise<void> {
    await this.dialog.getByRole('button', { name: `Select all in ${cluster}` }).click();
  }

  async selectNoneIn(cluster: string): Promise<void> {
    await this.dialog.getByRole('button', { name: `Select none in ${cluster}` }).click();
  }

  async expectCount(selected: number, total: number): Promise<void> {
    await expect(this.count).toHaveText(`Selected ${selected} of ${total} customer${total === 1 ? '' : 's'}`);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
