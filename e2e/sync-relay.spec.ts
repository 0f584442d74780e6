import { relayClose, seededBytes } from './support/raw-socket';
import { runStockClient } from './support/stock-client-runner';
import { ADMIN, type Device, expect, test } from './sync-fixtures';

test.use({ relayPort: 4445 });

async function token(device: Device, name: string): Promise<string> {
  const response = await device.context.request.post('/api/tokens', { data: { name } });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { secret: string }).secret;
}

test('SY-05 connections without a sign-in, with an ended session, or as a viewer are refused or read-only', async ({
  deviceA,
  deviceB,
  relay,
}) => {
  // No credentials: refused at the upgrade with 4401, which the app and the stock client do not retry.
  await deviceB.page.goto('/');
  expect(await relayClose(deviceB.page, 'catalog')).toEqual({ code: 4401, reason: 'unauthorized' });

  // A session that ended on the server (signed out elsewhere) while the browser kept its cookie: the
  // open connections close with 4440, and a new upgrade with that cookie is refused as unknown, 4401.
  await deviceA.openSignedIn();
  const cookie = (await deviceA.context.cookies()).find((c) => c.name === 'runsheet_session');
  await fetch(`${relay.url}/api/auth/logout`, {
    method: 'POST',
    headers: { Cookie: `runsheet_session=${cookie?.value}` },
  });
  await expect(deviceA.sync.banner).toBeVisible();
  expect(await relayClose(deviceA.page, 'catalog')).toEqual({ code: 4401, reason: 'unauthorized' });

  // A viewer connects and reads, but a write is refused and reaches nobody.
  await deviceA.signInByApi(ADMIN.username, ADMIN.password);
  const admin = await token(deviceA, 'admin script');
  await deviceA.createUser({ username: 'vic', password: 'viewer-password-1', role: 'viewer' });
  await deviceB.signInByApi('vic', 'viewer-password-1');
  const viewer = await token(deviceB, 'viewer script');
  const attempt = await runStockClient(relay.url, viewer, 'try-create-cluster', 'by a viewer');
  expect(attempt.refused).toBe(true);
  expect(await runStockClient(relay.url, admin, 'has-cluster', 'by a viewer')).toEqual({ found: false });
});

test('random bytes close only their own connection; the relay keeps serving the devices', async ({
  deviceA,
  deviceB,
  relay,
}) => {
  await deviceA.openSignedIn();
  await deviceB.openSignedIn();
  const admin = await token(deviceA, 'admin script');
  for (const seed of [1, 2, 3]) {
    // An unknown message type first, so the frame can never be valid by chance.
    const frame = [0x7f, ...seededBytes(seed, 256)];
    expect(await relayClose(deviceA.page, 'catalog', [frame])).toEqual({
      code: 4400,
      reason: 'malformed-message',
    });
  }
  await deviceA.sync.expectSynced();
  await deviceB.sync.expectSynced();
  await runStockClient(relay.url, admin, 'create-cluster', 'after the noise');
  expect(await runStockClient(relay.url, admin, 'wait-cluster', 'after the noise')).toHaveProperty(
    'clusterId',
  );
});
