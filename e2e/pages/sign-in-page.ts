import type { Locator, Page } from '@playwright/test';
import { AppPage } from './app-page';
import { expectFieldError } from './field-error';

/** Fields of the sign-in form, wherever it is shown: the /signin page or the "sign in again" dialog. */
export class SignInForm {
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;

  constructor(readonly scope: Locator) {
    // Labels end in a required-marker that is hidden from assistive technology.
    this.username = scope.getByLabel(/^Username/);
    this.password = scope.getByLabel(/^Password/);
    this.submit = scope.getByRole('button', { name: 'Sign in', exact: true });
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.submit.click();
  }

  expectFieldError = expectFieldError;
}

export class SignInPage extends AppPage {
  readonly path = '/signin';
  readonly headingText = 'Sign in';
  readonly title = 'Sign in · Runsheet';
  readonly form: SignInForm;

  constructor(page: Page) {
    super(page);
    this.form = new SignInForm(page.getByRole('form', { name: 'Sign in' }));
  }
}
