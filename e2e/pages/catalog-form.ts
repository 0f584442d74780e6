import { expect, type Locator, type Page } from '@playwright/test';

/** What the cluster and customer forms share: labelled fields, metadata rows, save and cancel. */
export class CatalogForm {
  readonly form: Locator;
  readonly name: Locator;
  readonly description: Locator;
  readonly addMetadataButton: Locator;
  readonly formAlert: Locator;
  readonly restoredNotice: Locator;

  constructor(
    readonly page: Page,
    formName: 'Cluster' | 'Customer',
  ) {
    this.form = page.getByRole('form', { name: formName });
    this.name = this.form.getByRole('textbox', { name: 'Name', exact: true });
    this.description = this.form.getByRole('textbox', { name: 'Description', exact: true });
    this.addMetadataButton = this.form.getByRole('button', { name: 'Add metadata' });
    // The form-level alert (not a field's): the first alert that is a direct child of the form.
    this.formAlert = this.form.locator(':scope > [role="alert"]');
    this.restoredNotice = this.form.getByRole('status').filter({ hasText: 'Unsaved changes' });
  }

  metadataKey(n: number): Locator {
    return this.form.getByRole('textbox', { name: `Key ${n}`, exact: true });
  }

  metadataValue(n: number): Locator {
    return this.form.getByRole('textbox', { name: `Value ${n}`, exact: true });
  }

  async addMetadata(key: string, value: string): Promise<void> {
    const n = (await this.form.getByTestId('metadata-row').count()) + 1;
    await this.addMetadataButton.click();
    await expect(this.metadataKey(n)).toBeFocused();
    await this.metadataKey(n).fill(key);
    await this.metadataValue(n).fill(value);
  }

  /** The message linked to a field (aria-describedby): what a screen reader reads beside it. */
  async expectFieldError(field: Locator, message: string | RegExp): Promise<void> {
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(message);
  }

  async expectNoFieldError(field: Locator): Promise<void> {
    await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  }

  submitButton(name: string | RegExp): Locator {
    return this.form.getByRole('button', { name });
  }

  get cancelButton(): Locator {
    return this.form.getByRole('button', { name: 'Cancel' });
  }
}
