import { expect, type Locator, type Page } from '@playwright/test';

export type StepStatusName = 'pending' | 'done' | 'skipped' | 'reverted';

/** The step side panel (FV-007): a sheet named after the step. */
export class StepPanel {
  readonly root: Locator;
  readonly content: Locator;
  readonly target: Locator;
  readonly source: Locator;
  readonly history: Locator;
  readonly variableErrors: Locator;
  readonly notes: Locator;

  constructor(
    readonly page: Page,
    stepName?: string,
  ) {
    this.root = stepName
      ? page.getByRole('dialog', { name: stepName, exact: true })
      : page.getByRole('dialog');
    this.content = this.root.getByTestId('step-content');
    this.target = this.root.getByTestId('copy-target');
    this.source = this.root.getByTestId('step-source');
    this.history = this.root.getByTestId('step-history');
    this.variableErrors = this.root.getByRole('alert').filter({ hasText: 'could not be filled in' });
    this.notes = this.root.getByLabel('Notes', { exact: true });
  }

  button(name: string | RegExp): Locator {
    return this.root.getByRole('button', { name, exact: typeof name === 'string' });
  }

  get markDoneButton() {
    return this.root.locator('[data-action="step.markDone"]');
  }
  get skipButton() {
    return this.root.locator('[data-action="step.skip"]');
  }
  get revertButton() {
    return this.root.locator('[data-action="step.revert"]');
  }
  get reopenButton() {
    return this.root.locator('[data-action="step.reopen"]');
  }
  get copyButton() {
    return this.root.locator('[data-action="step.copy"]');
  }
  get downloadButton() {
    return this.root.locator('[data-action="step.download"]');
  }
  get overrideButton() {
    return this.root.locator('[data-action="step.override"]');
  }
  get viewOriginalButton() {
    return this.root.locator('[data-action="step.viewOriginal"]');
  }
  get resetButton() {
    return this.root.locator('[data-action="step.resetToTemplate"]');
  }
  get editButton() {
    return this.root.locator('[data-action="step.editCustom"]');
  }
  get deleteButton() {
    return this.root.locator('[data-action="step.deleteCustom"]');
  }

  /** A fact of the header ("Category", "Type", "Status") as shown. */
  fact(term: string): Locator {
    return this.root
      .locator('dl > div')
      .filter({ has: this.page.locator('dt', { hasText: term }) })
      .locator('dd');
  }

  /** What the last action said inside the panel. */
  notice(): Locator {
    return this.root.getByRole('status').filter({ hasText: /./ });
  }

  /** The status shown in the header. */
  async expectStatus(status: StepStatusName): Promise<void> {
    await expect(this.root.locator('dl [data-status]')).toHaveAttribute('data-status', status);
  }

  async expectOpen(): Promise<void> {
    await expect(this.root).toBeVisible();
  }

  /** Closes with the panel's Close button (Escape first closes an open form, see the panel spec). */
  async close(): Promise<void> {
    await this.root.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(this.root).toBeHidden();
  }

  /** Opens the skip form, types the reason and submits. */
  async skip(reason: string): Promise<void> {
    await this.skipButton.click();
    await this.reason('Why skip this step?').fill(reason);
    await this.button('Skip step').click();
  }

  async revert(reason: string): Promise<void> {
    await this.revertButton.click();
    await this.reason('Why revert this step?').fill(reason);
    await this.button('Revert step').click();
  }

  reason(label: string): Locator {
    return this.root.getByRole('textbox', { name: label });
  }

  /** The history's lines, oldest first. */
  historyEntries(): Locator {
    return this.history.getByRole('listitem');
  }
}
