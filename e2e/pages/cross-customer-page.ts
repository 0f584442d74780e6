import { expect, type Locator, type Page } from '@playwright/test';
import type { StepStatusName } from './step-panel';
import { literal, urlId } from './text';

/** One step across all customers (FV-005): /releases/<id>/step/<template id>. */
export class CrossCustomerPage {
  readonly markSelected: Locator;
  readonly selectAllPending: Locator;
  readonly confirmDialog: Locator;

  constructor(readonly page: Page) {
    this.markSelected = page.getByRole('button', { name: /^Mark done for selected/ });
    this.selectAllPending = page.getByRole('button', { name: 'Select all pending' });
    this.confirmDialog = page.getByRole('dialog', { name: /^Mark “.*” done for [\d,]+ customers?\?$/ });
  }

  async goto(releaseId: string, templateId: string): Promise<void> {
    await this.page.goto(`/releases/${urlId(releaseId)}/step/${urlId(templateId)}`);
    await expect(this.markSelected).toBeVisible();
  }

  heading(step: string): Locator {
    return this.page.getByRole('heading', { level: 2, name: step, exact: true });
  }

  cluster(name: string): Locator {
    return this.page.getByRole('region', { name: new RegExp(`^${literal(name)} \\(`) });
  }

  row(customer: string): Locator {
    return this.page
      .locator('li[data-customer-id]')
      .filter({ hasText: new RegExp(`^${literal(customer)}\\b`) });
  }

  select(customer: string): Locator {
    return this.page.getByRole('checkbox', { name: new RegExp(`^Select ${literal(customer)} \\(`) });
  }

  async expectStatus(customer: string, status: StepStatusName): Promise<void> {
    await expect(this.row(customer)).toHaveAttribute('data-status', status);
  }

  async markSelectedDone(): Promise<void> {
    await this.markSelected.click();
    await expect(this.confirmDialog).toBeVisible();
    await this.confirmDialog.getByRole('button', { name: /^Mark \d+ done$/ }).click();
    await expect(this.confirmDialog).toBeHidden();
  }
}
