import { expect, test } from './sync-fixtures';

test.use({ relayPort: 4446 });

// Chromium's offline emulation fires `offline` but leaves an open WebSocket open (its frames wait until the
// network returns). The app disconnects on `offline` itself, so changes wait in IndexedDB, are counted as
// waiting, and upload in the next handshake.
test('SY-01 offline and back: the header says so, announces it, and syncs again', async ({ deviceA }) => {
  await deviceA.openSignedIn();
  await deviceA.context.setOffline(true);
  await deviceA.sync.expectLabel('Offline');
  await expect(deviceA.sync.announcer).toHaveText(/^Offline\./);
  await deviceA.context.setOffline(false);
  await deviceA.sync.expectSynced();
  await expect(deviceA.sync.announcer).toHaveText('Synced.');
});

test('SY-01 pausing sync disconnects until resumed', async ({ deviceA }) => {
  await deviceA.openSignedIn();
  await deviceA.sync.setPaused(true);
  await deviceA.sync.expectLabel('Sync paused');
  await deviceA.sync.setPaused(false);
  await deviceA.sync.expectSynced();
});

test('SY-01 served with no Runsheet server behind it, the app is local-only; a server found later is offered', async ({
  deviceA,
}) => {
  const { context, page, sync } = deviceA;
  // A static host (vite preview, a file server) answers /api with its own 404 page.
  await context.route('**/api/**', (route) =>
    route.fulfill({ status: 404, contentType: 'text/html', body: '<!doctype html><title>Not found</title>' }),
  );
  await page.goto('/');
  await sync.expectLabel('Local only');
  await sync.openDetails();
  await expect(sync.details).toContainText('Everything you do is kept on this device.');
  await sync.closeDetails();

  // The server becomes reachable; the app checks again when the network comes back.
  await context.unroute('**/api/**');
  await context.setOffline(true);
  await context.setOffline(false);
  await sync.expectLabel('Sign in to sync');
});
