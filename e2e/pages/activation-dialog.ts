import { expect, type Locator, type Page } from '@playwright/test';
import { CustomerChoice } from './customer-choice';

/** "Activate <release>": choose customers by cluster, then activate (LC-01). */
export class ActivationDialog {
  readonly dialog: Locator;
  readonly choice: CustomerChoice;
  readonly noStepsWarning: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: /^Activate / });
    this.choice = new CustomerChoice(page, this.dialog);
    this.noStepsWarning = this.dialog.getByRole('alert').filter({ hasText: 'no template steps' });
  }

  /** The confirming button: "Activate for 3 customers", or "Activate without steps" after the warning. */
  get activateButton(): Locator {
    return this.dialog.getByRole('button', { name: /^Activate (for|without)/ });
  }

  async expectOpen(): Promise<void> {
    await expect(this.dialog).toBeVisible();
  }

  async confirm(): Promise<void> {
    await this.activateButton.click();
    await expect(this.dialog).toBeHidden();
  }
}
