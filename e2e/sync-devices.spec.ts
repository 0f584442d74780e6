import { AppShell, ClusterDetailPage, ClusterFormPage, ClustersPage } from './pages';
import { createCluster } from './support/catalog';
import { runStockClient } from './support/stock-client-runner';
import { type Device, expect, test } from './sync-fixtures';

test.use({ relayPort: 4447 });

async function token(device: Device, name: string): Promise<string> {
  const response = await device.context.request.post('/api/tokens', { data: { name } });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { secret: string }).secret;
}

/**
 * Makes a cluster the way a person does, moving around inside the app (no page load): the tests that
 * use it run with the network off or the server down.
 */
async function createClusterInApp(
  device: Device,
  name: string,
  kubeconfigPath?: string,
  /** Runs at the moment of the click that sends the change. */
  alongside: () => Promise<void> = async () => {},
): Promise<void> {
  const { page } = device;
  await new AppShell(page).navLink('Clusters').click();
  const clusters = new ClustersPage(page);
  await clusters.expectLoaded();
  await clusters.newClusterButton.click();
  const form = new ClusterFormPage(page);
  await form.expectLoaded();
  await form.fill(kubeconfigPath === undefined ? { name } : { name, kubeconfigPath });
  await Promise.all([form.createButton.click(), alongside()]);
  await new ClusterDetailPage(page, name).expectLoaded();
}

async function clustersShown(device: Device): Promise<ClustersPage> {
  await new AppShell(device.page).navLink('Clusters').click();
  const clusters = new ClustersPage(device.page);
  await clusters.expectLoaded();
  return clusters;
}

test('SY-03 a cluster made on one device shows on the other within a second', async ({
  deviceA,
  deviceB,
}) => {
  await deviceA.openSignedIn();
  await deviceB.openSignedIn();
  const clustersB = new ClustersPage(deviceB.page);
  await clustersB.goto();

  await createCluster(deviceA.page, { name: 'prod-eu', kubeconfigPath: '~/.kube/prod-eu' });
  await expect(clustersB.card('prod-eu')).toBeVisible({ timeout: 1_000 });
  await deviceA.sync.expectSynced();
});

test('the stock y-websocket client in Node and the app sync both ways', async ({ deviceA, relay }) => {
  await deviceA.openSignedIn();
  const secret = await token(deviceA, 'node script');
  const clusters = new ClustersPage(deviceA.page);
  await clusters.goto();

  await runStockClient(relay.url, secret, 'create-cluster', 'made-in-node');
  await expect(clusters.card('made-in-node')).toBeVisible();

  await createCluster(deviceA.page, { name: 'made-in-browser' });
  const seen = await runStockClient(relay.url, secret, 'wait-cluster', 'made-in-browser');
  expect(seen.clusterId).toMatch(/^cluster:/);
});

test('SY-02 apart, both devices edit; back online they converge and the clash is shown', async ({
  deviceA,
  deviceB,
}) => {
  // Two browsers offline and back: more than the default 30 s on two shared cores.
  test.setTimeout(90_000);
  await deviceA.openSignedIn();
  await deviceB.openSignedIn();
  await deviceA.waitForOfflineReady();
  await deviceB.waitForOfflineReady();
  await deviceA.context.setOffline(true);
  await deviceB.context.setOffline(true);

  await createClusterInApp(deviceA, 'alpha');
  await createClusterInApp(deviceA, 'shared', '~/.kube/laptop');
  await createClusterInApp(deviceB, 'beta');
  await createClusterInApp(deviceB, 'SHARED', '~/.kube/tablet');
  await deviceA.sync.expectLabel('2 changes waiting');
  await deviceB.sync.expectLabel('2 changes waiting');

  await deviceA.context.setOffline(false);
  await deviceB.context.setOffline(false);
  for (const device of [deviceA, deviceB]) {
    await device.sync.expectSynced();
    const clusters = await clustersShown(device);
    await expect(clusters.cards).toHaveCount(4);
    const clash = clusters.conflicts.conflict('duplicate-cluster-name');
    await expect(clash).toContainText('~/.kube/laptop');
    await expect(clash).toContainText('~/.kube/tablet');
  }
});

test('SY-09 the relay killed with SIGKILL mid-edits loses nothing either device had', async ({
  deviceA,
  deviceB,
  relay,
}) => {
  await deviceA.openSignedIn();
  await deviceB.openSignedIn();
  await deviceA.waitForOfflineReady();
  await deviceB.waitForOfflineReady();
  await createClusterInApp(deviceA, 'before-the-crash');
  await deviceA.sync.expectSynced();

  // Killed as an edit leaves: whether it reached the relay's disk or not, device A still has it.
  await createClusterInApp(deviceA, 'in-flight', undefined, () => relay.kill());
  await createClusterInApp(deviceB, 'while-down');
  await deviceA.sync.expectLabel(/changes? waiting|Offline/);
  await deviceB.sync.expectLabel('1 change waiting');

  await relay.start();
  for (const device of [deviceA, deviceB]) {
    await device.sync.expectSynced();
    const clusters = await clustersShown(device);
    for (const name of ['before-the-crash', 'in-flight', 'while-down'])
      await expect(clusters.card(name)).toBeVisible();
  }
});

test('SY-01 made with no server, uploaded once a server is found and someone signs in', async ({
  deviceA,
  deviceB,
}) => {
  await deviceA.context.route('**/api/**', (route) => route.fulfill({ status: 404, body: 'Not found' }));
  await deviceA.page.goto('/');
  await deviceA.sync.expectLabel('Local only');
  await createCluster(deviceA.page, { name: 'made-offline-1' });
  await createCluster(deviceA.page, { name: 'made-offline-2' });

  await deviceA.context.unroute('**/api/**');
  await deviceA.openSignedIn();
  await deviceB.openSignedIn();
  const clusters = new ClustersPage(deviceB.page);
  await clusters.goto();
  await expect(clusters.card('made-offline-1')).toBeVisible();
  await expect(clusters.card('made-offline-2')).toBeVisible();
});

test("SY-05 a viewer's local changes stay on its device, and the app refuses new ones", async ({
  deviceA,
  deviceB,
  relay,
}) => {
  await deviceA.openSignedIn();
  await deviceA.createUser({ username: 'vic', password: 'viewer-password-1', role: 'viewer' });
  const secret = await token(deviceA, 'check');
  await deviceB.page.goto('/');
  await createCluster(deviceB.page, { name: 'by-a-viewer' });
  await deviceB.signInByApi('vic', 'viewer-password-1');
  await deviceB.page.goto('/');
  await deviceB.sync.expectLabel('Read-only (viewer)');
  await deviceB.sync.openDetails();
  await expect(deviceB.sync.details).toContainText('1 change on this device cannot be uploaded');
  expect(await runStockClient(relay.url, secret, 'has-cluster', 'by-a-viewer')).toEqual({ found: false });
  await deviceB.sync.closeDetails();

  // Signed in as a viewer, the one write path refuses: the form says why.
  const form = new ClusterFormPage(deviceB.page);
  await form.goto();
  await form.fill({ name: 'second-try' });
  await form.createButton.click();
  await expect(form.form.formAlert).toContainText('Your account can look but not change anything (viewer).');
});
