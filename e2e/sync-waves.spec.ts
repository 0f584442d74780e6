import { MatrixPage } from './pages/matrix-page';
import { RolloutPage } from './pages/rollout-page';
import { urlId } from './pages/text';
import { defineSpec, runCommand, seedRelease } from './support/seed';
import { ADMIN, type Device, expect, test } from './sync-fixtures';

// Issue 15 "merges stay safe", through two real browsers and a real relay: MR-08 (a halt wins over a
// sign-off made apart from it; the sign-off stays in history, flagged) and MR-09 (a step done offline in
// a wave locked elsewhere is kept and listed as "done while the wave was closed" until reviewed).

test.use({ relayPort: 4459 });
test.describe.configure({ timeout: 120_000 });

const BEN = { username: 'ben', password: 'ben-password-123', displayName: 'Ben Brown' };

const SPEC = defineSpec({
  clusters: ['prod-eu', 'prod-us'],
  customers: [
    { key: 'acme', name: 'Acme', namespace: 'acme-prod', cluster: 'prod-eu' },
    { key: 'globex', name: 'Globex', namespace: 'globex-prod', cluster: 'prod-eu' },
    { key: 'initech', name: 'Initech', namespace: 'initech-prod', cluster: 'prod-us' },
  ],
  templates: [
    {
      key: 'migrate',
      name: 'Migrate',
      category: 'deploy',
      type: 'sql',
      content: 'ALTER TABLE orders ADD note text;',
    },
    {
      key: 'smoke',
      name: 'Smoke test',
      category: 'verify',
      type: 'bash',
      content: 'curl -fsS https://app/healthz',
    },
  ],
});

/** The admin seeds the release and plans two waves; Ben (a member) gets it from the relay. */
async function twoDevicesOnOneRollout(a: Device, b: Device) {
  await a.signInByApi(ADMIN.username, ADMIN.password);
  await a.createUser({ ...BEN, role: 'member' });
  const s = await seedRelease(a.page, SPEC);
  const r = s.releaseId;
  // Canary: Acme and Initech. Europe: Globex, behind a gate that asks only for a sign-off.
  await runCommand(a.page, 'planWaves', {
    releaseId: r,
    waves: [
      { name: 'Canary', select: { customerIds: [s.customers.acme, s.customers.initech] } },
      {
        name: 'Europe',
        select: { customerIds: [s.customers.globex] },
        gate: { previousComplete: false, signOff: true },
      },
    ],
  });
  await a.sync.expectSynced();
  await b.openSignedIn(BEN.username, BEN.password);
  for (const device of [a, b]) {
    await device.page.goto(`/releases/${urlId(r)}/rollout`);
    await new RolloutPage(device.page).expectWaveState('Europe', 'Closed');
  }
  return s;
}

test('MR-08 / MR-09: apart, one signs off and marks a step done while the other halts; back online the halt wins, the sign-off is flagged, the step is kept and listed until reviewed', async ({
  deviceA,
  deviceB,
}) => {
  await twoDevicesOnOneRollout(deviceA, deviceB);
  const rolloutA = new RolloutPage(deviceA.page);
  const rolloutB = new RolloutPage(deviceB.page);
  await deviceA.waitForOfflineReady();
  await deviceB.waitForOfflineReady();
  await deviceA.context.setOffline(true);
  await deviceB.context.setOffline(true);

  // A (admin): signs Europe's gate off, then does a canary step.
  await rolloutA.signOff('Europe', 'canary looks fine');
  await rolloutA.expectWaveState('Europe', 'Open');
  const matrixA = new MatrixPage(deviceA.page);
  await deviceA.page
    .getByRole('navigation', { name: 'Release views' })
    .getByRole('link', { name: 'Overview' })
    .click();
  const panel = await matrixA.open('Migrate', 'Acme');
  await panel.markDoneButton.click();
  await panel.expectStatus('done');
  await panel.close();
  // B (Ben, a member): halts the rollout, not knowing either.
  await rolloutB.halt('payments failing in canary');
  await expect(rolloutB.headerHalted).toHaveText('Halted by Ben Brown: payments failing in canary');

  await deviceA.context.setOffline(false);
  await deviceB.context.setOffline(false);
  await rolloutA.tab.click();
  for (const rollout of [rolloutA, rolloutB]) {
    // The halt wins on both devices; Europe's sign-off did not count and shows flagged.
    await expect(rollout.headerHalted).toHaveText('Halted by Ben Brown: payments failing in canary', {
      timeout: 15_000,
    });
    await rollout.expectWaveState('Europe', 'Halted');
    await expect(rollout.wave('Europe').getByTestId('gate-record')).toContainText(
      'Did not count: made while the rollout was halted elsewhere',
    );
    await expect(rollout.wave('Europe').getByTestId('gate-waiting')).toHaveText('Waits for a sign-off.');
    await expect(rollout.history).toContainText('signed off the gate of Europe: canary looks fine');
    // The sign-off and the opening it caused are both flagged; the halt is not.
    await expect(
      rollout.history.getByRole('listitem').filter({ hasText: 'signed off the gate of Europe' }),
    ).toContainText('Did not count: made apart from a halt');
    await expect(rollout.history.getByText('Did not count: made apart from a halt')).toHaveCount(2);
    await expect(
      rollout.history.getByRole('listitem').filter({ hasText: 'halted the rollout' }),
    ).not.toContainText('Did not count');
    // The step done apart from the halt is kept and listed.
    const conflicts = rollout.page.getByTestId('rollout-conflicts');
    await expect(conflicts.locator('[data-conflict="gate-during-halt"]')).toHaveCount(1);
    await expect(conflicts.locator('[data-conflict="done-while-closed"]')).toHaveText(
      /Done while the wave was closed: Migrate for Acme \(Canary\)\. The work is kept\./,
    );
  }
  // Reviewed on B: gone on both.
  const doneB = rolloutB.page.getByTestId('rollout-conflicts').locator('[data-conflict="done-while-closed"]');
  await doneB.getByRole('button', { name: 'Mark reviewed' }).click();
  await expect(doneB).toHaveCount(0);
  await expect(
    rolloutA.page.getByTestId('rollout-conflicts').locator('[data-conflict="done-while-closed"]'),
  ).toHaveCount(0, { timeout: 15_000 });
  // The work stayed done everywhere.
  await deviceB.page
    .getByRole('navigation', { name: 'Release views' })
    .getByRole('link', { name: 'Overview' })
    .click();
  await new MatrixPage(deviceB.page).expectStatus('Migrate', 'Acme', 'done');
});
