import { expect, type Locator } from '@playwright/test';

/**
 * The error linked to a field (aria-invalid + aria-describedby), beside it. The description also holds the
 * field's hint, so a string message is looked for within it.
 */
export async function expectFieldError(field: Locator, message: string | RegExp): Promise<void> {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(
    typeof message === 'string' ? new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : message,
  );
}
