import { MatrixPage } from './pages/matrix-page';
import { seedDefault } from './support/seed';
import { expect, test } from './sync-fixtures';

// Presence (DESIGN.md "Beyond the seeds"): who else has a release open, and on which step.
test.use({ relayPort: 4447 });

test('SY-06 the other device sees who has the release open, and the step panel who has the same step open', async ({
  deviceA,
  deviceB,
}) => {
  await deviceA.openSignedIn();
  const s = await seedDefault(deviceA.page);
  await deviceA.sync.expectSynced();
  await deviceB.openSignedIn();

  const matrixA = new MatrixPage(deviceA.page);
  const matrixB = new MatrixPage(deviceB.page);
  await matrixA.goto(s.releaseId);
  await matrixB.goto(s.releaseId);

  // Each device lists the other on the release page header.
  const othersOnB = deviceB.page.getByRole('list', { name: 'Also looking at this release' });
  await expect(othersOnB).toBeVisible({ timeout: 10_000 });
  await expect(othersOnB.getByRole('listitem')).toHaveCount(1);

  // Nobody else has the step open yet: the panel says nothing about others.
  const panelB = await matrixB.open('Deploy app', 'Acme');
  await expect(panelB.root).not.toContainText('this step open');

  // Device A opens the same step: B's panel names who has it open.
  await matrixA.open('Deploy app', 'Acme');
  await expect(panelB.root).toContainText('has this step open', { timeout: 10_000 });

  // A closes it again: B's panel no longer claims so.
  await deviceA.page.keyboard.press('Escape');
  await expect(panelB.root).not.toContainText('this step open', { timeout: 10_000 });
});
