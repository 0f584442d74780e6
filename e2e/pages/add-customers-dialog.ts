import { expect, type Locator, type Page } from '@playwright/test';
import { CustomerChoice } from './customer-choice';

/** "Add customers to <release>": only customers not in it yet are offered (LC-02). */
export class AddCustomersDialog {
  readonly dialog: Locator;
  readonly choice: CustomerChoice;
  readonly addButton: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: /^Add customers to / });
    this.choice = new CustomerChoice(page, this.dialog);
    this.addButton = this.dialog.getByRole('button', { name: /^Add (\d+ customers?|customers)$/ });
  }

  async expectOpen(): Promise<void> {
    await expect(this.dialog).toBeVisible();
  }

  async confirm(): Promise<void> {
    await this.addButton.click();
    await expect(this.dialog).toBeHidden();
  }
}
