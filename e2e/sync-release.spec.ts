import { MatrixPage } from './pages/matrix-page';
import { urlId } from './pages/text';
import { type Scenario, seedDefault } from './support/seed';
import { ADMIN, type Device, expect, test } from './sync-fixtures';

test.use({ relayPort: 4448 });

const BEN = { username: 'ben', password: 'ben-password-123', displayName: 'Ben Brown' };

/**
 * Device A (the admin) seeds the usual release through the app's write path; device B signs in as Ben,
 * a member, and gets it from the relay. Both end on the release page.
 */
async function twoDevicesOnOneRelease(a: Device, b: Device): Promise<Scenario> {
  await a.signInByApi(ADMIN.username, ADMIN.password);
  const response = await a.context.request.post('/api/users', {
    data: { ...BEN, role: 'member' },
  });
  expect(response.status()).toBe(201);
  const seeded = await seedDefault(a.page);
  await a.sync.expectSynced();
  await b.openSignedIn(BEN.username, BEN.password);
  for (const device of [a, b]) {
    await device.page.goto(`/releases/${urlId(seeded.releaseId)}`);
    await expect(new MatrixPage(device.page).grid).toBeVisible();
  }
  return seeded;
}

test('SY-06 who else has the release open, and which step, shows on the other device', async ({
  deviceA,
  deviceB,
}) => {
  await twoDevicesOnOneRelease(deviceA, deviceB);
  const here = deviceA.page.getByRole('list', { name: 'Also looking at this release' });
  await expect(here.getByRole('listitem')).toHaveText(['BBBen Brown (on this release)']);

  const panelB = await new MatrixPage(deviceB.page).open('Deploy app', 'Acme');
  await expect(here.getByRole('listitem')).toHaveText(['BBBen Brown (on a step)']);
  const panelA = await new MatrixPage(deviceA.page).open('Deploy app', 'Acme');
  await expect(panelA.root).toContainText('Ben Brown has this step open');
  // Ben sees the admin too; then closes the step, and the admin's panel says so.
  await expect(panelB.root).toContainText('admin has this step open');
  await panelB.close();
  await expect(panelA.root).not.toContainText('has this step open');
});

test('SY-09 apart, both devices work on steps; back online they converge and the clash is shown', async ({
  deviceA,
  deviceB,
}) => {
  // Two browsers, four steps each way and a reconnect: more than the default 30 s on two shared cores.
  test.setTimeout(90_000);
  await twoDevicesOnOneRelease(deviceA, deviceB);
  await deviceA.waitForOfflineReady();
  await deviceB.waitForOfflineReady();
  await deviceA.context.setOffline(true);
  await deviceB.context.setOffline(true);
  const matrixA = new MatrixPage(deviceA.page);
  const matrixB = new MatrixPage(deviceB.page);

  // The same step: done here, skipped there.
  const sameA = await matrixA.open('Deploy app', 'Acme');
  await sameA.markDoneButton.click();
  await sameA.expectStatus('done');
  await sameA.close();
  const sameB = await matrixB.open('Deploy app', 'Acme');
  await sameB.skip('done by hand');
  await sameB.expectStatus('skipped');
  await sameB.close();
  // Different steps on each side.
  const otherA = await matrixA.open('Run migration', 'Beta');
  await otherA.markDoneButton.click();
  await otherA.expectStatus('done');
  await otherA.close();
  const otherB = await matrixB.open('Update config', 'Cobalt');
  await otherB.markDoneButton.click();
  await otherB.expectStatus('done');
  await otherB.close();
  await deviceA.sync.expectLabel('2 changes waiting');
  await deviceB.sync.expectLabel('2 changes waiting');

  await deviceA.context.setOffline(false);
  await deviceB.context.setOffline(false);
  const winners: string[] = [];
  for (const [device, matrix] of [
    [deviceA, matrixA],
    [deviceB, matrixB],
  ] as const) {
    // Synced, with one clash to review counted on the sync button.
    await device.sync.expectLabel('Synced1 clash', 10_000);
    await matrix.expectStatus('Run migration', 'Beta', 'done');
    await matrix.expectStatus('Update config', 'Cobalt', 'done');
    winners.push((await matrix.cell('Deploy app', 'Acme').getAttribute('data-status')) ?? '');
    const panel = await matrix.open('Deploy app', 'Acme');
    await expect(panel.root.getByTestId('step-conflict')).toContainText(
      'Two devices changed this step while apart',
    );
    await expect(panel.history.locator('[data-flagged]')).toHaveCount(1);
    await panel.close();
    await device.sync.openDetails();
    await expect(device.sync.details.getByTestId('sync-conflicts')).toContainText(
      'a step of Acme got two different statuses on two devices',
    );
    await device.sync.closeDetails();
  }
  // The same deterministic winner on both devices.
  expect(winners[0]).toBe(winners[1]);
  expect(['done', 'skipped']).toContain(winners[0]);
});
