import { expect, test } from './matrix-fixtures';
import { RolloutPage } from './pages/rollout-page';
import { defineSpec, seedRelease } from './support/seed';

// Issue 15 in the app: a regular release (the workflow docs/SPEC.md describes: deploy and verify steps,
// every customer) rolled out in three waves through the Rollout view, with the real domain commands behind it.

const REGULAR = defineSpec({
  clusters: ['prod-eu', 'prod-us'],
  customers: [
    { key: 'acme', name: 'Acme', namespace: 'acme-prod', cluster: 'prod-eu', metadata: { tier: 'canary' } },
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
      key: 'helm',
      name: 'Helm upgrade',
      category: 'deploy',
      type: 'bash',
      content: 'helm upgrade app ./chart -n {{customer.namespace}}',
    },
    {
      key: 'smoke',
      name: 'Smoke test',
      category: 'verify',
      type: 'bash',
      content: 'curl -fsS https://app/healthz',
    },
  ],
  release: { name: 'Release 2.5', versionNumber: 'v2.5.0', releaseDate: '2026-02-15' },
});

test.describe.configure({ timeout: 120_000 });

test('WV-01..WV-08: plan three waves, run wave one, sign off, wave two opens, halt and resume, done refused in a closed wave', async ({
  page,
  matrix,
}) => {
  const s = await seedRelease(page, REGULAR);
  const r = s.releaseId;
  const rollout = new RolloutPage(page);
  await rollout.goto(r);
  // No waves: the release goes to everyone at once, as before.
  await expect(rollout.timeline).toHaveCount(0);

  // 1. Plan: the canary by metadata, Europe by cluster (gate: previous complete + sign-off), the rest picked.
  await rollout.addWave('Canary', { metadata: { key: 'tier', value: 'canary' } });
  await rollout.expectWaveState('Canary', 'Open');
  // WV-02: a customer in no other wave is in the last one, so the only wave holds everyone for now.
  await expect(rollout.wave('Canary')).toContainText('3 customers');
  await rollout.addWave('Europe', { clusters: ['prod-eu'] }, { previousComplete: true, signOff: true });
  await expect(rollout.wave('Canary')).toContainText('1 customer');
  await expect(rollout.wave('Europe')).toContainText('2 customers');
  // Acme is in prod-eu too: the cluster took it out of the canary wave. Move it back.
  await rollout.wave('Canary').getByRole('button', { name: 'Change Canary…' }).click();
  const change = page.getByRole('form', { name: 'Change Canary' });
  await rollout.fillWave(change, 'Canary', { customers: ['Acme'] });
  await expect(change).toHaveCount(0);
  await expect(rollout.wave('Canary')).toContainText('2 customers');
  await expect(rollout.wave('Europe')).toContainText('1 customer');

  // Refusals are shown beside the field, and what was typed stays.
  await rollout.fillWave(rollout.addForm, 'canary', { customers: ['Initech'] });
  await expect(rollout.addForm.getByRole('alert')).toContainText(
    'Another wave of this release already has this name.',
  );
  await expect(rollout.addForm.getByLabel('Wave name')).toHaveValue('canary');
  await rollout.addForm.getByLabel('Wave name').fill('Everyone else');
  await rollout.addForm.getByLabel('Soak time (minutes)').fill('soon');
  await rollout.addForm.getByRole('button', { name: 'Add wave' }).click();
  await expect(rollout.addForm.getByLabel('Soak time (minutes)')).toHaveAttribute('aria-invalid', 'true');
  await expect(rollout.addForm.getByRole('alert')).toContainText('Soak time is whole minutes');
  await rollout.addForm.getByLabel('Soak time (minutes)').fill('0');
  await rollout.addForm.getByRole('button', { name: 'Add wave' }).click();
  await expect(rollout.wave('Everyone else')).toBeVisible();
  await expect(rollout.wave('Canary')).toContainText('1 customer');
  await expect(rollout.wave('Everyone else')).toContainText('1 customer');
  expect(await rollout.waveNames()).toEqual(['Canary', 'Europe', 'Everyone else']);
  await rollout.expectWaveState('Europe', 'Closed');
  await rollout.expectWaveState('Everyone else', 'Closed');
  await expect(rollout.wave('Europe').getByTestId('gate-waiting')).toHaveText(
    'Waits for the previous wave to complete and a sign-off.',
  );

  // 2. The matrix groups by wave, then cluster. Done is refused in a closed wave: the panel says which
  // wave and what its gate waits for; copy stays.
  await matrix.goto(r);
  expect(await matrix.columnNames()).toEqual([
    'Canary · prod-eu',
    'Acme',
    'Europe · prod-eu',
    'Globex',
    'Everyone else · prod-us',
    'Initech',
  ]);
  // A whole wave folds at once, by keyboard, and unfolds again.
  await matrix.waveFold('Europe').focus();
  await matrix.page.keyboard.press('Enter');
  await expect(matrix.waveFold('Europe')).toHaveAttribute('aria-pressed', 'true');
  await expect(matrix.waveFold('Europe')).toHaveText('Unfold Europe');
  await expect.poll(() => matrix.columnNames()).not.toContain('Globex');
  expect(await matrix.columnNames()).toContain('Initech');
  await matrix.page.keyboard.press('Enter');
  await expect(matrix.waveFold('Europe')).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(() => matrix.columnNames()).toContain('Globex');
  const closed = await matrix.open('Migrate', 'Globex');
  await expect(closed.markDoneButton).toBeDisabled();
  await expect(closed.skipButton).toBeDisabled();
  await expect(closed.root.getByTestId('wave-lock')).toHaveText(
    'Europe is not open yet: its gate waits for the previous wave to complete and a sign-off. Its steps can be read and copied, not marked done or skipped.',
  );
  await expect(closed.copyButton).toBeEnabled();
  await expect(closed.downloadButton).toBeEnabled();
  await closed.close();

  // 3. Run wave one: Acme's steps through the panel.
  for (const step of ['Migrate', 'Helm upgrade', 'Smoke test']) {
    if (step === 'Smoke test') await matrix.verifyTab.click();
    const panel = await matrix.open(step, 'Acme');
    await panel.markDoneButton.click();
    await panel.expectStatus('done');
    await panel.close();
  }

  // 4. The gate waits only for its sign-off; signing off opens Europe.
  await rollout.tab.click();
  await rollout.expectWaveState('Canary', 'Complete');
  await expect(rollout.wave('Europe').getByTestId('gate-waiting')).toHaveText('Waits for a sign-off.');
  await rollout.signOff('Europe', 'canary clean for an hour');
  await rollout.expectWaveState('Europe', 'Open');
  await expect(rollout.wave('Europe').getByTestId('gate-record')).toContainText(
    'Signed off by You (this device)',
  );
  await expect(rollout.wave('Europe').getByTestId('gate-record')).toContainText('canary clean for an hour');

  // 5. Halt: every wave not complete locks; header and the step panel say who halted and why.
  await rollout.halt('error rate up in Europe');
  await expect(rollout.halted).toContainText('Halted by You (this device): error rate up in Europe');
  await expect(rollout.headerHalted).toHaveText('Halted by You (this device): error rate up in Europe');
  await rollout.expectWaveState('Europe', 'Halted');
  await rollout.expectWaveState('Canary', 'Complete');
  await matrix.goto(r);
  await expect(rollout.headerHalted).toBeVisible();
  const halted = await matrix.open('Migrate', 'Globex');
  await expect(halted.markDoneButton).toBeDisabled();
  await expect(halted.root.getByTestId('wave-lock')).toContainText(
    'Halted by You (this device): error rate up in Europe',
  );
  await halted.close();

  // 6. Resume with a reason: Europe is open again and its steps can be done.
  await rollout.tab.click();
  await rollout.resume('rolled back the config, errors gone');
  await expect(rollout.halted).toHaveCount(0);
  await expect(rollout.headerHalted).toHaveCount(0);
  await rollout.expectWaveState('Europe', 'Open');
  await expect(rollout.history).toContainText('halted the rollout: error rate up in Europe');
  await expect(rollout.history).toContainText('resumed the rollout: rolled back the config, errors gone');
  await matrix.goto(r);
  const open = await matrix.open('Migrate', 'Globex');
  await open.markDoneButton.click();
  await open.expectStatus('done');

  // 7. The dashboard says which wave runs and what the next gate waits for; the report lists the waves.
  await page.goto('/');
  const line = page.getByTestId('release-rollout');
  await expect(line).toContainText('Wave 2 of 3 running: Europe');
  await expect(line).toContainText('Next: Everyone else waits for the previous wave to complete.');
  await page.goto(`/releases/${encodeURIComponent(r)}/report`);
  const waves = page.getByTestId('report-waves');
  await expect(waves.getByRole('row')).toHaveCount(4);
  await expect(waves.getByRole('row', { name: /^Canary/ })).toContainText('(with the release)');
  await expect(waves.getByRole('row', { name: /^Canary/ })).toContainText('3 of 3 complete');
  await expect(waves.getByRole('row', { name: /^Europe/ })).toContainText('(signed off)');
  await expect(waves.getByRole('row', { name: /^Everyone else/ })).toContainText('not open');
});
