import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell';

/** What every screen model shares: where it lives, its <h1>, its document title, and the shell. */
export abstract class AppPage {
  abstract readonly path: string;
  abstract readonly headingText: string;
  abstract readonly title: string;
  readonly shell: AppShell;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: this.headingText, exact: true });
  }

  async goto(): Promise<this> {
    await this.page.goto(this.path);
    await this.expectLoaded();
    return this;
  }

  async expectLoaded(): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.page).toHaveTitle(this.title);
  }
}
