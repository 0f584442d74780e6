import { ClustersPage } from './pages';
import { createCluster, seedMany } from './support/catalog';
import { ADMIN, expect, test } from './sync-fixtures';

// Its own port (the sync specs share 4440-4460 by file). A small update cap, so a few KB of local work is
// already more than a viewer's connection may send (SE-14: maxUpdateBytes + 64 bytes).
test.use({
  relayPort: 4611,
  relayEnv: {
    RUNSHEET_ADMIN_USER: ADMIN.username,
    RUNSHEET_ADMIN_PASSWORD: ADMIN.password,
    RELAY_MAX_UPDATE_BYTES: '1024',
  },
});

test('SE-14 a viewer device holding more local work than its frame cap uploads nothing, is never closed for it, and keeps receiving', async ({
  deviceA,
  deviceB,
  relay,
}) => {
  await deviceA.openSignedIn();
  await deviceA.createUser({ username: 'vic', password: 'viewer-password-1', role: 'viewer' });
  // Work made on B before anyone signed in there: far over 1 KB of Yjs update.
  await deviceB.page.goto('/?bench=1');
  await deviceB.page.waitForFunction(() => '__runsheet' in window);
  await seedMany(deviceB.page, 2, 20);
  await deviceB.signInByApi('vic', 'viewer-password-1');
  await deviceB.page.goto('/');
  await deviceB.sync.expectLabel('Read-only (viewer)');

  // Still connected and receiving: a cluster made on A shows on B.
  await createCluster(deviceA.page, { name: 'made-by-the-admin' });
  const clusters = new ClustersPage(deviceB.page);
  await clusters.goto();
  await expect(clusters.card('made-by-the-admin')).toBeVisible();
  await deviceB.sync.expectLabel('Read-only (viewer)');
  // The relay never had to refuse one of B's frames: B answered its sync step 1 with an empty step 2.
  expect(relay.output()).not.toContain('over its cap');
  // And nothing of B's reached the relay: A does not see B's clusters.
  const onA = new ClustersPage(deviceA.page);
  await onA.goto();
  await expect(onA.card('made-by-the-admin')).toBeVisible();
  await expect(onA.card('cluster-00')).toHaveCount(0);
});
