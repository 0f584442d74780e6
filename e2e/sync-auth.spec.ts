import { SetupPage } from './pages/setup-page';
import { SignInForm, SignInPage } from './pages/sign-in-page';
import { ADMIN, expect, test } from './sync-fixtures';

test.use({ relayPort: 4441 });

test.describe('first run', () => {
  test.use({ relayEnv: {} });

  test('a server without accounts offers setup; the first admin is created and the device syncs', async ({
    deviceA,
  }) => {
    const { page, sync } = deviceA;
    await page.goto('/');
    await sync.expectLabel('Set up sync');
    await sync.openDetails();
    await sync.details.getByRole('link', { name: 'Set up sync' }).click();

    const setup = new SetupPage(page);
    await setup.expectLoaded();
    await setup.createAdmin({ username: 'ada', password: 'short' });
    await setup.expectFieldError(setup.password, 'Use at least 10 characters.');
    await expect(setup.password).toBeFocused();
    await setup.createAdmin({ username: 'ada', password: 'long enough password', confirm: 'something else' });
    await setup.expectFieldError(setup.confirm, 'The two passwords differ.');

    await setup.createAdmin({ username: 'ada', displayName: 'Ada', password: 'long enough password' });
    await expect(page).toHaveURL('/');
    await sync.expectSynced();
    await sync.openDetails();
    await expect(sync.details).toContainText('Signed in as Ada (admin)');
  });
});

test('sign in: a wrong password is said beside the field; the right one returns to the page', async ({
  deviceA,
}) => {
  const { page, sync } = deviceA;
  await page.goto('/customers');
  await sync.expectLabel('Sign in to sync');
  await sync.openDetails();
  await sync.details.getByRole('link', { name: 'Sign in' }).click();

  const signIn = new SignInPage(page);
  await signIn.expectLoaded();
  await signIn.form.submit.click();
  await signIn.form.expectFieldError(signIn.form.username, 'Enter your username.');
  await signIn.form.signIn(ADMIN.username, 'not the password');
  await signIn.form.expectFieldError(signIn.form.password, 'Wrong username or password.');
  await expect(signIn.form.password).toBeFocused();

  await signIn.form.signIn(ADMIN.username, ADMIN.password);
  await expect(page).toHaveURL('/customers');
  await sync.expectSynced();
});

test('SY-04 a session that ends keeps the page and what was typed, and asks to sign in again', async ({
  deviceA,
  relay,
}) => {
  const { page, sync, context } = deviceA;
  await deviceA.openSignedIn();
  const search = page.getByRole('searchbox', { name: 'Find a customer' });
  await search.fill('half-typed');

  // The session ends on the server (as an expiry or a sign-out elsewhere would); the browser still has
  // its cookie. The relay closes the socket with 4440 and the app asks to sign in again.
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === 'runsheet_session');
  expect(session).toBeDefined();
  const revoke = await fetch(`${relay.url}/api/auth/logout`, {
    method: 'POST',
    headers: { Cookie: `runsheet_session=${session?.value}` },
  });
  expect(revoke.status).toBe(204);

  await expect(sync.banner).toBeVisible();
  await sync.expectLabel('Sign in to sync');
  await expect(search).toHaveValue('half-typed');

  await sync.banner.getByRole('button', { name: 'Sign in again' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign in again' });
  const form = new SignInForm(dialog);
  await expect(form.username).toHaveValue(ADMIN.username);
  await expect(form.password).toBeFocused();
  await form.password.fill(ADMIN.password);
  await form.submit.click();
  await expect(dialog).toBeHidden();
  await expect(sync.banner).toBeHidden();
  await sync.expectSynced();
  await expect(search).toHaveValue('half-typed');
});

test('SY-05 a viewer is told the app is read-only', async ({ deviceA, deviceB }) => {
  await deviceA.signInByApi(ADMIN.username, ADMIN.password);
  await deviceA.createUser({ username: 'vic', password: 'viewer-password-1', role: 'viewer' });
  await deviceB.signInByApi('vic', 'viewer-password-1');
  await deviceB.page.goto('/');
  await deviceB.sync.expectLabel('Read-only (viewer)');
  await deviceB.sync.openDetails();
  await expect(deviceB.sync.details).toContainText('your account is a viewer');
});
