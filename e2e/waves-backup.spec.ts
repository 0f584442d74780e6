import { expect, test } from './matrix-fixtures';
import { DataSettings } from './pages';
import { MatrixPage } from './pages/matrix-page';
import { PlanWavesDialog } from './pages/plan-waves-dialog';
import { RolloutPage } from './pages/rollout-page';
import { openWithHook, runCommand, seedRelease, stepIdOf } from './support/seed';
import { tieredRelease } from './support/tiered-release';

// IO-20 in the browser: a backup keeps the rollout. A release planned in waves in the app, its first
// wave run and the second's gate signed off, is downloaded with the Data settings' backup and restored
// into a fresh browser profile (another device): the same waves, members and gate state show there.

const TIERED = tieredRelease({ name: 'Release 2.7', versionNumber: 'v2.7.0', releaseDate: '2026-04-01' });

test.describe.configure({ timeout: 150_000 });

test('IO-20 / IO-01: waves (planned with WV-12), members and a signed-off gate survive a backup restored into a fresh profile', async ({
  page,
  matrix,
  browser,
}) => {
  const s = await seedRelease(page, TIERED);
  const rollout = new RolloutPage(page);
  const plan = new PlanWavesDialog(page);
  await rollout.goto(s.releaseId);
  await plan.open();
  await plan.build('One wave per value of a metadata key', 'tier');
  await plan.rename(1, 'Canary');
  await plan.rename(2, 'Everyone else');
  await plan.gate('Sign-off by a member or admin', true);
  await plan.save(2);
  expect(await rollout.waveNames()).toEqual(['Canary', 'Everyone else']);

  // Run the canary wave, then sign the next gate off.
  await openWithHook(page);
  for (const t of [s.templates.migrate, s.templates.smoke])
    await runCommand(page, 'markDone', { releaseId: s.releaseId, stepId: stepIdOf(s.customers.acme, t) });
  await rollout.goto(s.releaseId);
  await rollout.expectWaveState('Canary', 'Complete');
  await rollout.signOff('Everyone else', 'canary clean for an hour');
  await rollout.expectWaveState('Everyone else', 'Open');
  const columns = [
    'Canary · prod-eu',
    'Acme',
    'Everyone else · prod-eu',
    'Globex',
    'Everyone else · prod-us',
    'Initech',
  ];
  await matrix.goto(s.releaseId);
  expect(await matrix.columnNames()).toEqual(columns);

  const here = new DataSettings(page);
  await here.goto();
  const backup = await here.downloadBackup();
  const file = JSON.parse(backup.text) as { waves: unknown[]; waveMembers: unknown[] };
  expect(file.waves).toHaveLength(2);
  expect(file.waveMembers).toHaveLength(3);

  // Another device: a fresh profile, empty storage.
  const elsewhere = await browser.newContext();
  try {
    const other = await elsewhere.newPage();
    const there = new DataSettings(other);
    await there.goto();
    await there.chooseBackup(backup.download.suggestedFilename(), backup.text);
    await expect(
      there.dialog.getByRole('heading', { name: 'Restore into this empty workspace' }),
    ).toBeVisible();
    await there.confirmButton('Restore workspace').click();
    await expect(there.dialog.getByRole('heading', { name: 'Workspace restored' })).toBeVisible({
      timeout: 60_000,
    });
    await there.dialog.getByRole('button', { name: 'Close' }).first().click();

    const restored = new RolloutPage(other);
    await restored.goto(s.releaseId);
    expect(await restored.waveNames()).toEqual(['Canary', 'Everyone else']);
    await restored.expectWaveState('Canary', 'Complete');
    await restored.expectWaveState('Everyone else', 'Open');
    await expect(restored.wave('Canary')).toContainText('1 customer');
    await expect(restored.wave('Everyone else')).toContainText('2 customers');
    const record = restored.wave('Everyone else').getByTestId('gate-record');
    await expect(record).toContainText('Signed off by');
    await expect(record).toContainText('canary clean for an hour');
    // The gate is met, and no longer waits for anything.
    await expect(restored.wave('Everyone else').getByTestId('gate-waiting')).toHaveCount(0);
    // Members: the matrix groups the same customers under the same waves.
    const otherMatrix = new MatrixPage(other);
    await otherMatrix.goto(s.releaseId);
    expect(await otherMatrix.columnNames()).toEqual(columns);
    // The closed-then-opened wave accepts work there too: its gate state came along.
    const panel = await otherMatrix.open('Migrate', 'Globex');
    await expect(panel.markDoneButton).toBeEnabled();
    await expect(panel.root.getByTestId('wave-lock')).toHaveCount(0);
  } finally {
    await elsewhere.close();
  }
});
