import { expect, type Locator, type Page } from '@playwright/test';

/** The header's sync button, its details popover and its live region. */
export class SyncIndicator {
  readonly button: Locator;
  readonly details: Locator;
  readonly announcer: Locator;
  readonly banner: Locator;

  constructor(readonly page: Page) {
    this.button = page.locator('#sync-status');
    this.details = page
      .getByRole('dialog', { name: /./ })
      .filter({ has: page.locator('#sync-details-title') });
    this.announcer = page.getByTestId('sync-announcer');
    this.banner = page.getByRole('region', { name: 'Your sign-in has ended.' });
  }

  async expectLabel(label: string | RegExp, timeout?: number): Promise<void> {
    await expect(this.button).toHaveText(label, timeout === undefined ? {} : { timeout });
  }

  /** "Synced", possibly followed by the count of clashes to review. */
  async expectSynced(): Promise<void> {
    await this.expectLabel(/^Synced(\d+ clash(es)?)?$/, 10_000);
  }

  async openDetails(): Promise<void> {
    if (await this.details.isVisible()) return;
    await this.button.click();
    await expect(this.details).toBeVisible();
  }

  async closeDetails(): Promise<void> {
    if (!(await this.details.isVisible())) return;
    await this.page.keyboard.press('Escape');
    await expect(this.details).toBeHidden();
  }

  /** "Pause sync" / "Resume sync" in the details. */
  async setPaused(paused: boolean): Promise<void> {
    await this.openDetails();
    await this.details.getByRole('button', { name: paused ? 'Pause sync' : 'Resume sync' }).click();
    await this.closeDetails();
  }
}
