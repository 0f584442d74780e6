import { expect, type Locator, type Page } from '@playwright/test';
import { AppPage } from './app-page';

/** Settings, its sync sections: your account, API tokens and (admins) accounts. */
export class SyncSettingsPage extends AppPage {
  readonly path = '/settings';
  readonly headingText = 'Settings';
  readonly title = 'Settings · Runsheet';
  readonly account: Locator;
  readonly tokens: Locator;
  readonly users: Locator;

  constructor(page: Page) {
    super(page);
    this.account = page.getByRole('region', { name: 'Your account' });
    this.tokens = page.getByRole('region', { name: 'API tokens' });
    this.users = page.getByRole('region', { name: 'Accounts' });
  }

  get passwordForm(): Locator {
    return this.account.getByRole('form', { name: 'Change password' });
  }

  async changePassword(current: string, next: string, repeat = next): Promise<void> {
    const form = this.passwordForm;
    await form.getByLabel(/^Current password/).fill(current);
    await form.getByLabel(/^New password/).fill(next);
    await form.getByLabel(/^Repeat the new password/).fill(repeat);
    await form.getByRole('button', { name: 'Change password' }).click();
  }

  async signOut(): Promise<void> {
    await this.account.getByRole('button', { name: 'Sign out of this device' }).click();
  }

  /** SE-12: "Sign out and clear this device…", confirmed in its dialog. */
  async signOutAndClear(): Promise<void> {
    await this.account.getByRole('button', { name: 'Sign out and clear this device…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Sign out and clear this device?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Sign out and clear' }).click();
  }

  /** Creates a token and returns the secret shown once. */
  async createToken(name: string): Promise<string> {
    const form = this.tokens.getByRole('form', { name: 'Create a token' });
    await form.getByLabel(/^Token name/).fill(name);
    await form.getByRole('button', { name: 'Create token' }).click();
    const secret = this.tokens.getByTestId('token-secret');
    await expect(secret).toBeVisible();
    return (await secret.textContent()) ?? '';
  }

  tokenRow(name: string): Locator {
    return this.tokens.getByTestId('token-row').filter({ hasText: name });
  }

  async revokeToken(name: string): Promise<void> {
    await this.tokenRow(name)
      .getByRole('button', { name: `Revoke ${name}` })
      .click();
    await this.page
      .getByRole('dialog', { name: `Revoke “${name}”?` })
      .getByRole('button', { name: 'Revoke token' })
      .click();
  }

  userRow(username: string): Locator {
    return this.users.locator(`[data-testid="user-row"][data-username="${username}"]`);
  }

  async addUser(user: {
    username: string;
    displayName?: string;
    password: string;
    role?: 'admin' | 'member' | 'viewer';
  }) {
    const form = this.users.getByRole('form', { name: 'Add an account' });
    await form.getByLabel(/^Username/).fill(user.username);
    if (user.displayName) await form.getByLabel('Display name').fill(user.displayName);
    await form.getByLabel(/^First password/).fill(user.password);
    if (user.role && user.role !== 'member') {
      await form.getByRole('combobox', { name: 'Role' }).click();
      await this.page.getByRole('option', { name: new RegExp(`^${user.role}`) }).click();
    }
    await form.getByRole('button', { name: 'Add account' }).click();
    await expect(this.userRow(user.username)).toBeVisible();
  }

  async setRole(username: string, role: 'admin' | 'member' | 'viewer'): Promise<void> {
    await this.userRow(username)
      .getByRole('combobox', { name: `Role of ${username}` })
      .click();
    await this.page.getByRole('option', { name: new RegExp(`^${role}`) }).click();
  }

  status(section: Locator): Locator {
    return section.getByRole('status');
  }
}
