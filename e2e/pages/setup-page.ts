import type { Locator, Page } from '@playwright/test';
import { AppPage } from './app-page';
import { expectFieldError } from './field-error';

/** The first-run page that creates the server's first admin. */
export class SetupPage extends AppPage {
  readonly path = '/setup';
  readonly headingText = 'Set up sync';
  readonly title = 'Set up sync · Runsheet';
  readonly form: Locator;
  readonly username: Locator;
  readonly displayName: Locator;
  readonly password: Locator;
  readonly confirm: Locator;
  readonly submit: Locator;

  constructor(page: Page) {
    super(page);
    this.form = page.getByRole('form', { name: 'Create the first admin' });
    this.username = this.form.getByLabel(/^Username/);
    this.displayName = this.form.getByLabel('Display name');
    this.password = this.form.getByLabel(/^Password/);
    this.confirm = this.form.getByLabel(/^Repeat the password/);
    this.submit = this.form.getByRole('button', { name: 'Create admin and sign in' });
  }

  async createAdmin(input: { username: string; displayName?: string; password: string; confirm?: string }) {
    await this.username.fill(input.username);
    if (input.displayName) await this.displayName.fill(input.displayName);
    await this.password.fill(input.password);
    await this.confirm.fill(input.confirm ?? input.password);
    await this.submit.click();
  }

  expectFieldError = expectFieldError;
}
