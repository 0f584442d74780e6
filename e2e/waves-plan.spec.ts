import { expect, test } from './matrix-fixtures';
import { PlanWavesDialog } from './pages/plan-waves-dialog';
import { RolloutPage } from './pages/rollout-page';
import { axeViolations as violations } from './support/axe';
import { openWithHook, runCommand, seedRelease, stepIdOf } from './support/seed';
import { tieredRelease } from './support/tiered-release';

// WV-12 in the app: the whole rollout planned at once in the "Plan waves…" dialog (per cluster, per value
// of a metadata key, or each customer picked), previewed, reordered and renamed, saved through planWaves.

const TIERED = tieredRelease({ name: 'Release 2.6', versionNumber: 'v2.6.0', releaseDate: '2026-03-01' });

test.describe.configure({ timeout: 120_000 });

test('WV-12: plan by metadata key, reorder, rename, see the unpicked go last, save; replan by picks; refused names stay; gone once a step ran', async ({
  page,
}) => {
  const s = await seedRelease(page, TIERED);
  const rollout = new RolloutPage(page);
  const plan = new PlanWavesDialog(page);
  await rollout.goto(s.releaseId);
  await expect(rollout.timeline).toHaveCount(0);
  await plan.open();

  // One wave per cluster is what the dialog starts with.
  expect(await plan.waveNames()).toEqual(['prod-eu', 'prod-us']);
  await expect(plan.count('prod-eu')).toHaveText('2 customers');
  await expect(plan.count('prod-us')).toHaveText('1 customer');

  // By the metadata key tier: one wave per value; Initech has no tier, so it falls into the last wave.
  await plan.build('One wave per value of a metadata key', 'tier');
  await expect(plan.announcement).toHaveText('2 waves: canary, standard.');
  expect(await plan.waveNames()).toEqual(['canary', 'standard']);
  await expect(plan.count('canary')).toHaveText('1 customer');
  await expect(plan.count('standard')).toHaveText('2 customers (1 customer not picked by any wave)');
  await expect(plan.wave('standard')).toContainText('Globex, Initech');

  // Reorder: standard first, so the canary wave is last and takes Initech; and back again.
  await plan.move('standard', 'up');
  await expect(plan.announcement).toHaveText('standard is now wave 1 of 2.');
  expect(await plan.waveNames()).toEqual(['standard', 'canary']);
  await expect(plan.count('canary')).toHaveText('2 customers (1 customer not picked by any wave)');
  await plan.move('standard', 'down');
  expect(await plan.waveNames()).toEqual(['canary', 'standard']);

  // Rename, ask for a sign-off before the second wave, save.
  await plan.rename(1, 'Canary');
  await plan.rename(2, 'Everyone else');
  await plan.gate('Sign-off by a member or admin', true);
  await plan.save(2);
  await expect(page.getByText('Planned 2 waves.').first()).toBeVisible();
  await expect(plan.trigger).toBeFocused();
  expect(await rollout.waveNames()).toEqual(['Canary', 'Everyone else']);
  await expect(rollout.wave('Canary')).toContainText('1 customer');
  await expect(rollout.wave('Everyone else')).toContainText('2 customers');
  await expect(rollout.wave('Everyone else').getByTestId('gate-waiting')).toHaveText(
    'Waits for the previous wave to complete and a sign-off.',
  );

  // Planned already: the form starts from the waves there are, each customer where it is, each gate kept.
  await plan.open();
  await expect(plan.dialog).toContainText('Saving replaces the 2 waves planned now.');
  await expect(plan.dialog.getByRole('radio', { name: 'Start from the waves planned now' })).toBeChecked();
  expect(await plan.waveNames()).toEqual(['Canary', 'Everyone else']);
  await expect(plan.count('Canary')).toHaveText('1 customer');
  await expect(plan.count('Everyone else')).toHaveText('2 customers');
  await expect(plan.dialog.getByLabel('Wave for Globex')).toHaveValue(/^wave:/);
  await plan.move('Everyone else', 'up');
  await plan.save(2);
  expect(await rollout.waveNames()).toEqual(['Everyone else', 'Canary']);
  await expect(rollout.wave('Everyone else')).toContainText('2 customers');
  await expect(rollout.wave('Canary')).toContainText('1 customer');
  await expect(rollout.wave('Canary').getByTestId('gate-waiting')).toHaveText(
    'Waits for the previous wave to complete.',
  );

  // Replan by picking.
  await plan.open();
  await plan.build('Pick each customer’s wave');
  expect(await plan.waveNames()).toEqual(['Wave 1', 'Wave 2']);
  await expect(plan.count('Wave 2')).toHaveText('3 customers (3 customers not picked by any wave)');
  await plan.pick('Initech', 'Wave 1');
  await expect(plan.count('Wave 1')).toHaveText('1 customer');
  await expect(plan.count('Wave 2')).toHaveText('2 customers (2 customers not picked by any wave)');
  await plan.dialog.getByRole('button', { name: 'Add a wave at the end' }).click();
  await expect(plan.announcement).toHaveText('Added Wave 3 at the end.');
  await plan.pick('Acme', 'Wave 3');
  await plan.remove('Wave 2');
  await expect(plan.announcement).toHaveText('Removed Wave 2; its customers go to the last wave.');
  expect(await plan.waveNames()).toEqual(['Wave 1', 'Wave 3']);
  await expect(plan.count('Wave 3')).toHaveText('2 customers (1 customer not picked by any wave)');

  // The domain's refusal is shown beside the name it names, and what was typed stays.
  await plan.rename(2, 'wave 1');
  await plan.saveButton(2).click();
  const second = plan.dialog.getByLabel('Name of wave 2', { exact: true });
  await expect(second).toHaveAttribute('aria-invalid', 'true');
  await expect(plan.wave('wave 1').getByRole('alert')).toHaveText(
    'Another wave of this release already has this name.',
  );
  await expect(second).toHaveValue('wave 1');
  await plan.rename(2, 'The rest');
  await plan.save(2);
  expect(await rollout.waveNames()).toEqual(['Wave 1', 'The rest']);
  await expect(rollout.wave('Wave 1')).toContainText('1 customer');
  await expect(rollout.wave('The rest')).toContainText('2 customers');

  // Once a step is done the whole plan can no longer be replaced (planWaves: rollout-started).
  await openWithHook(page);
  await runCommand(page, 'markDone', {
    releaseId: s.releaseId,
    stepId: stepIdOf(s.customers.initech, s.templates.migrate),
  });
  await rollout.goto(s.releaseId);
  await expect(rollout.wave('Wave 1').getByTestId('wave-state')).toHaveText('Open');
  await expect(plan.trigger).toHaveCount(0);
  await expect(rollout.wave('Wave 1').getByTestId('wave-state')).toHaveText('Open');
});

test('WV-12 keyboard: focus moves into the dialog, a wave moves by keyboard with its place announced, Escape returns focus', async ({
  page,
}) => {
  const s = await seedRelease(page, TIERED);
  const rollout = new RolloutPage(page);
  const plan = new PlanWavesDialog(page);
  await rollout.goto(s.releaseId);
  await plan.trigger.focus();
  await page.keyboard.press('Enter');
  await expect(plan.dialog).toBeVisible();
  // Focus is inside the dialog.
  await expect.poll(() => plan.dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  const tabTo = async (name: string) => {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
      if (focused === name) return;
    }
    throw new Error(`${name} not reached with Tab`);
  };
  await tabTo('Move prod-us up');
  await page.keyboard.press('Enter');
  await expect(plan.announcement).toHaveAttribute('role', 'status');
  await expect(plan.announcement).toHaveText('prod-us is now wave 1 of 2.');
  expect(await plan.waveNames()).toEqual(['prod-us', 'prod-eu']);
  // The button keeps focus in its new place: Enter again says it is first already.
  await page.keyboard.press('Enter');
  await expect(plan.announcement).toHaveText('prod-us is already first.');
  await page.keyboard.press('Escape');
  await expect(plan.dialog).toHaveCount(0);
  await expect(plan.trigger).toBeFocused();
  // Nothing was saved.
  await expect(rollout.timeline).toHaveCount(0);
});

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test('WV-12 the plan dialog has no axe violations', async ({ page }) => {
      const s = await seedRelease(page, TIERED);
      await runCommand(page, 'planWaves', {
        releaseId: s.releaseId,
        waves: [
          { name: 'First', select: { customerIds: [s.customers.acme] } },
          { name: 'Second', gate: { signOff: true } },
        ],
      });
      const rollout = new RolloutPage(page);
      const plan = new PlanWavesDialog(page);
      await rollout.goto(s.releaseId);
      await plan.open();
      await expect(plan.count('Second')).toHaveText('2 customers');
      expect(await violations(page), 'from the waves planned now').toEqual([]);
      await plan.build('One wave per cluster');
      await expect(plan.count('prod-eu')).toHaveText('2 customers');
      expect(await violations(page), 'by cluster').toEqual([]);
      await plan.build('One wave per value of a metadata key', 'tier');
      await expect(plan.count('canary')).toHaveText('1 customer');
      expect(await violations(page), 'by metadata').toEqual([]);
      await plan.build('Pick each customer’s wave');
      await plan.rename(1, 'Wave 2');
      await plan.saveButton(2).click();
      await expect(plan.dialog.getByRole('alert').first()).toBeVisible();
      expect(await violations(page), 'picks with a refused name').toEqual([]);
    });
  });
}
