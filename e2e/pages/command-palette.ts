import { expect, type Locator, type Page } from '@playwright/test';

/** The command palette (Ctrl/Cmd+K). */
export class CommandPalette {
  readonly root: Locator;
  readonly input: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: 'Command palette' });
    this.input = this.root.getByRole('combobox');
  }

  async open(): Promise<void> {
    await this.page.keyboard.press('Control+k');
    await expect(this.root).toBeVisible();
    await expect(this.input).toBeFocused();
  }

  option(name: string | RegExp): Locator {
    return this.root.getByRole('option', { name });
  }

  /** Types a query and chooses the first matching entry with Enter. */
  async run(query: string, expected: string | RegExp): Promise<void> {
    await this.input.fill(query);
    await expect(this.option(expected).first()).toHaveAttribute('aria-selected', 'true');
    await this.page.keyboard.press('Enter');
    await expect(this.root).toBeHidden();
  }
}
