import { SetupPage } from './pages/setup-page';
import { SignInPage } from './pages/sign-in-page';
import { SyncSettingsPage } from './pages/sync-settings-page';
import { axeViolations as violations } from './support/axe';
import { expect, test } from './sync-fixtures';

test.use({ relayPort: 4443 });
// Each test signs in, opens overlays and runs axe several times: more than 30 s on two shared cores.
test.describe.configure({ timeout: 60_000 });

// The sync screens and overlays, in both themes (the shell's screens are in accessibility.spec.ts).
for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test.describe('fresh server', () => {
      test.use({ relayEnv: {} });

      test('the setup page with errors beside its fields has no axe violations', async ({ deviceA }) => {
        const setup = new SetupPage(deviceA.page);
        await setup.goto();
        await setup.createAdmin({ username: '', password: 'short' });
        await expect(setup.username).toHaveAttribute('aria-invalid', 'true');
        expect(await violations(deviceA.page)).toEqual([]);
      });
    });

    test('the sign-in page with an error and the sync details have no axe violations', async ({
      deviceA,
    }) => {
      const signIn = new SignInPage(deviceA.page);
      await signIn.goto();
      await signIn.form.signIn('admin', 'wrong password');
      await signIn.form.expectFieldError(signIn.form.password, 'Wrong username or password.');
      expect(await violations(deviceA.page)).toEqual([]);
      await deviceA.sync.openDetails();
      expect(await violations(deviceA.page)).toEqual([]);
    });

    test('settings signed in as an admin, with a new token shown, have no axe violations', async ({
      deviceA,
    }) => {
      await deviceA.openSignedIn();
      const settings = new SyncSettingsPage(deviceA.page);
      await settings.goto();
      await expect(settings.users).toBeVisible();
      await settings.createToken('Nightly job');
      expect(await violations(deviceA.page)).toEqual([]);
      await deviceA.sync.openDetails();
      expect(await violations(deviceA.page)).toEqual([]);
    });

    test('the session-ended banner and its sign-in dialog have no axe violations', async ({
      deviceA,
      relay,
    }) => {
      await deviceA.openSignedIn();
      const cookie = (await deviceA.context.cookies()).find((c) => c.name === 'runsheet_session');
      await fetch(`${relay.url}/api/auth/logout`, {
        method: 'POST',
        headers: { Cookie: `runsheet_session=${cookie?.value}` },
      });
      await expect(deviceA.sync.banner).toBeVisible();
      expect(await violations(deviceA.page)).toEqual([]);
      await deviceA.sync.banner.getByRole('button', { name: 'Sign in again' }).click();
      await expect(deviceA.page.getByRole('dialog', { name: 'Sign in again' })).toBeVisible();
      expect(await violations(deviceA.page)).toEqual([]);
    });
  });
}
