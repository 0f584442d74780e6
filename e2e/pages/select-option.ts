import type { Locator, Page } from '@playwright/test';

/** Chooses `option` in a Radix Select whose trigger (a combobox) is `trigger`. */
export async function selectOption(page: Page, trigger: Locator, option: string): Promise<void> {
  await trigger.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}
