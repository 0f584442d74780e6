import { expect, type Locator, type Page } from '@playwright/test';
import { CustomStepDialog } from './custom-step-dialog';
import { StepPanel, type StepStatusName } from './step-panel';
import { literal, urlId } from './text';

type Category = 'deploy' | 'verify';

/** One customer's steps in a release (FV-004): /releases/<id>/customers/<id>. */
export class CustomerViewPage {
  readonly customStepDialog: CustomStepDialog;
  readonly markAllDialog: Locator;
  readonly backToMatrix: Locator;

  constructor(readonly page: Page) {
    this.customStepDialog = new CustomStepDialog(page);
    this.markAllDialog = page.getByRole('dialog', { name: /^Mark all .* steps done\?$/ });
    this.backToMatrix = page.getByRole('link', { name: 'Back to the matrix' });
  }

  async goto(releaseId: string, customerId: string): Promise<void> {
    await this.page.goto(`/releases/${urlId(releaseId)}/customers/${urlId(customerId)}`);
    await expect(this.section('deploy')).toBeVisible();
  }

  heading(customer: string): Locator {
    return this.page.getByRole('heading', { level: 2, name: customer, exact: true });
  }

  section(category: Category): Locator {
    return this.page.locator(`section[data-category="${category}"]`);
  }

  /** "Deploy steps (1/3 done)" */
  sectionHeading(category: Category): Locator {
    return this.section(category).getByRole('heading', { level: 2 });
  }

  step(category: Category, name: string): Locator {
    return this.section(category)
      .getByRole('listitem')
      .filter({ has: this.page.getByText(new RegExp(`^${literal(name)}$`)) });
  }

  async stepNames(category: Category): Promise<string[]> {
    return this.section(category).locator('[data-step-name]').allInnerTexts();
  }

  async expectStepStatus(category: Category, name: string, status: StepStatusName): Promise<void> {
    await expect(this.step(category, name)).toHaveAttribute('data-status', status);
  }

  stepButton(category: Category, name: string, action: string): Locator {
    return this.step(category, name).getByRole('button', { name: action, exact: true });
  }

  async view(category: Category, name: string): Promise<StepPanel> {
    await this.step(category, name)
      .getByRole('button', { name: `View content of ${name}` })
      .click();
    const panel = new StepPanel(this.page, name);
    await panel.expectOpen();
    return panel;
  }

  markAllButton(category: Category): Locator {
    return this.section(category).locator('[data-action="customer.markAll"]');
  }

  addCustomStepButton(category: Category): Locator {
    return this.section(category).locator('[data-action="customer.addCustomStep"]');
  }

  async openAddCustomStep(category: Category): Promise<CustomStepDialog> {
    await this.addCustomStepButton(category).click();
    await expect(this.customStepDialog.root).toBeVisible();
    return this.customStepDialog;
  }
}
