import { ClustersPage } from './pages';
import { SignInPage } from './pages/sign-in-page';
import { SyncSettingsPage } from './pages/sync-settings-page';
import { createCluster } from './support/catalog';
import { ADMIN, expect, test } from './sync-fixtures';

test.use({ relayPort: 4442 });

test('an admin adds an account, who signs in on another device; a role change makes it read-only', async ({
  deviceA,
  deviceB,
}) => {
  await deviceA.openSignedIn();
  const settings = new SyncSettingsPage(deviceA.page);
  await settings.goto();
  await settings.addUser({ username: 'grace', displayName: 'Grace', password: 'grace-password-1' });
  await expect(settings.userRow('grace')).toContainText('Active');

  const signIn = new SignInPage(deviceB.page);
  await signIn.goto();
  await signIn.form.signIn('grace', 'grace-password-1');
  await deviceB.sync.expectSynced();

  await settings.setRole('grace', 'viewer');
  await expect(settings.users.getByRole('status')).toHaveText('grace is now a viewer.');
  // Device B learns the role at its next session check (a reload here; focus or ten minutes otherwise).
  await deviceB.page.reload();
  await deviceB.sync.expectLabel('Read-only (viewer)');
});

test('disabling an account signs it out everywhere; a reset password lets it in again', async ({
  deviceA,
  deviceB,
}) => {
  await deviceA.openSignedIn();
  await deviceA.createUser({ username: 'lin', password: 'lin-password-12', role: 'member' });
  await deviceB.openSignedIn('lin', 'lin-password-12');

  const settings = new SyncSettingsPage(deviceA.page);
  await settings.goto();
  await settings.userRow('lin').getByRole('button', { name: 'Disable lin' }).click();
  await expect(settings.userRow('lin')).toContainText('Disabled');
  await expect(deviceB.sync.banner).toBeVisible();

  await settings.userRow('lin').getByRole('button', { name: 'Enable lin' }).click();
  await expect(settings.userRow('lin')).toContainText('Active');
  await settings.userRow('lin').getByRole('button', { name: 'Reset password of lin' }).click();
  const dialog = deviceA.page.getByRole('dialog', { name: /Reset the password of/ });
  await dialog.getByLabel(/^New password/).fill('lin-new-password');
  await dialog.getByRole('button', { name: 'Set password' }).click();
  await expect(settings.users.getByRole('status')).toHaveText(/New password set for lin/);

  await deviceB.sync.banner.getByRole('button', { name: 'Sign in again' }).click();
  const again = deviceB.page.getByRole('dialog', { name: 'Sign in again' });
  await again.getByLabel(/^Password/).fill('lin-new-password');
  await again.getByRole('button', { name: 'Sign in', exact: true }).click();
  await deviceB.sync.expectSynced();
});

test('changing your password: a wrong current one is said beside it; other devices must sign in again', async ({
  deviceA,
  deviceB,
}) => {
  await deviceA.openSignedIn();
  await deviceB.openSignedIn();
  const settings = new SyncSettingsPage(deviceA.page);
  await settings.goto();
  await settings.changePassword('not my password', 'a brand new password');
  const current = settings.passwordForm.getByLabel(/^Current password/);
  await expect(current).toHaveAttribute('aria-invalid', 'true');
  await expect(current).toHaveAccessibleDescription('That is not your current password.');
  await expect(current).toBeFocused();

  await settings.changePassword(ADMIN.password, 'a brand new password');
  await expect(settings.passwordForm.getByRole('status')).toHaveText(/Password changed/);
  // This device got a fresh session and keeps syncing; the other one is asked to sign in again.
  await deviceA.sync.expectSynced();
  await expect(deviceB.sync.banner).toBeVisible();
});

test('an API token is shown once with a copy button, listed, and revoked', async ({ deviceA, relay }) => {
  await deviceA.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await deviceA.openSignedIn();
  const settings = new SyncSettingsPage(deviceA.page);
  await settings.goto();
  const secret = await settings.createToken('CI pipeline');
  expect(secret).toMatch(/^rst_/);
  await settings.tokens.getByRole('button', { name: 'Copy token' }).click();
  await expect(settings.tokens.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await deviceA.page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  const asToken = () => fetch(`${relay.url}/api/session`, { headers: { Authorization: `Bearer ${secret}` } });
  expect((await asToken()).status).toBe(200);

  // Shown once: after a reload only its name is listed.
  await deviceA.page.reload();
  await expect(settings.tokenRow('CI pipeline')).toBeVisible();
  await expect(settings.tokens.getByTestId('token-secret')).toHaveCount(0);

  await settings.revokeToken('CI pipeline');
  await expect(settings.tokens.getByRole('status')).toHaveText('Token CI pipeline revoked.');
  await expect(settings.tokenRow('CI pipeline')).toHaveCount(0);
  expect((await asToken()).status).toBe(401);
});

test('signing out keeps the device usable and says to sign in to sync', async ({ deviceA }) => {
  await deviceA.openSignedIn();
  const settings = new SyncSettingsPage(deviceA.page);
  await settings.goto();
  await settings.signOut();
  await new SignInPage(deviceA.page).expectLoaded();
  await deviceA.sync.expectLabel('Sign in to sync');
  await expect(deviceA.sync.banner).toBeHidden();
});

test('SE-12 signing out and clearing the device leaves no workspace, draft or session behind; signing in brings the server copy back', async ({
  deviceA,
}) => {
  await deviceA.openSignedIn();
  await createCluster(deviceA.page, { name: 'on-the-tablet' });
  await deviceA.sync.expectSynced();
  await deviceA.page.evaluate(() => localStorage.setItem('runsheet-draft:probe', 'typed on the tablet'));

  const settings = new SyncSettingsPage(deviceA.page);
  await settings.goto();
  await settings.signOutAndClear();
  await new SignInPage(deviceA.page).expectLoaded();

  // Signed out, the device shows an empty workspace: nothing of the old one is left to read.
  const clusters = new ClustersPage(deviceA.page);
  await clusters.goto();
  await expect(clusters.heading).toBeVisible();
  await expect(clusters.card('on-the-tablet')).toHaveCount(0);
  expect(await deviceA.page.evaluate(() => localStorage.getItem('runsheet-draft:probe'))).toBeNull();
  await deviceA.sync.expectLabel('Sign in to sync');

  // What the server had comes back with the next sign-in.
  await deviceA.openSignedIn();
  await clusters.goto();
  await expect(clusters.card('on-the-tablet')).toBeVisible({ timeout: 10_000 });
});
