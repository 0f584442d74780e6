/**
 * Running customer steps from the release page's matrix and its step panel (the screens of the
 * matrix branch), for the template-impact and workflow tests: open a cell, act, close the panel.
 */
import { expect, type Page } from '@playwright/test';
import { MatrixPage } from '../pages/matrix-page';
import type { StepPanel } from '../pages/step-panel';

export class StepRunner {
  readonly matrix: MatrixPage;

  constructor(readonly page: Page) {
    this.matrix = new MatrixPage(page);
  }

  private async act(
    step: string,
    customer: string,
    action: (panel: StepPanel) => Promise<void>,
  ): Promise<void> {
    await expect(this.matrix.grid).toBeVisible();
    const panel = await this.matrix.open(step, customer);
    await action(panel);
    await panel.close();
  }

  async markDone(step: string, customer: string): Promise<void> {
    await this.act(step, customer, async (panel) => {
      await panel.markDoneButton.click();
      await panel.expectStatus('done');
    });
    await this.matrix.expectStatus(step, customer, 'done');
  }

  async skip(step: string, customer: string, reason: string): Promise<void> {
    await this.act(step, customer, async (panel) => {
      await panel.skip(reason);
      await panel.expectStatus('skipped');
    });
    await this.matrix.expectStatus(step, customer, 'skipped');
  }

  /** FCS-002: this customer's own content for the step. */
  async override(step: string, customer: string, content: string): Promise<void> {
    await this.act(step, customer, async (panel) => {
      await panel.overrideButton.click();
      await panel.root.getByRole('textbox', { name: 'Content for this customer' }).fill(content);
      await panel.button('Save override').click();
      await expect(panel.source).toHaveText(/^Overridden for /);
    });
  }
}
