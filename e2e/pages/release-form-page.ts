import { expect, type Locator, type Page } from '@playwright/test';
import type { ReleaseTypeLabel } from './releases-page';
import { selectOption } from './select-option';

export interface ReleaseFields {
  name?: string;
  type?: Exclude<ReleaseTypeLabel, 'All types'>;
  version?: string;
  /** YYYY-MM-DD */
  date?: string;
  description?: string;
}

/** The release form, on /releases/new and /releases/<id>/edit. */
export class ReleaseFormPage {
  readonly form: Locator;
  readonly name: Locator;
  readonly type: Locator;
  readonly version: Locator;
  readonly date: Locator;
  readonly description: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Release' });
    this.name = this.form.getByLabel('Name');
    this.type = this.form.getByRole('combobox', { name: 'Type' });
    this.version = this.form.getByLabel('Version');
    this.date = this.form.getByLabel('Target date');
    this.description = this.form.getByLabel('Description');
  }

  async gotoNew(): Promise<this> {
    await this.page.goto('/releases/new');
    await expect(this.page.getByRole('heading', { level: 1, name: 'New release' })).toBeVisible();
    await expect(this.page).toHaveTitle('New release · Runsheet');
    return this;
  }

  async fill(fields: ReleaseFields): Promise<void> {
    if (fields.name !== undefined) await this.name.fill(fields.name);
    if (fields.type !== undefined) {
      await selectOption(this.page, this.type, fields.type);
      await expect(this.type).toHaveText(fields.type);
    }
    if (fields.version !== undefined) await this.version.fill(fields.version);
    if (fields.date !== undefined) await this.date.fill(fields.date);
    if (fields.description !== undefined) await this.description.fill(fields.description);
  }

  /** Creates a release through the form and waits for its page. */
  async create(fields: ReleaseFields & { name: string }): Promise<void> {
    await this.gotoNew();
    await this.fill(fields);
    await this.submit();
    await expect(this.page.getByRole('heading', { level: 1, name: fields.name, exact: true })).toBeVisible();
  }

  submitButton(label: 'Create release' | 'Save changes' = 'Create release'): Locator {
    return this.form.getByRole('button', { name: label });
  }

  async submit(label: 'Create release' | 'Save changes' = 'Create release'): Promise<void> {
    await this.submitButton(label).click();
  }

  /** The reason shown beside a field, read through the field's own description. */
  async expectFieldError(field: Locator, message: string | RegExp): Promise<void> {
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(message);
  }
}
