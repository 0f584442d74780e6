import type { Page } from '@playwright/test';
import { expect, test } from './matrix-fixtures';
import { RolloutPage } from './pages/rollout-page';
import { axeViolations as violations } from './support/axe';
import { runCommand, seedDefault, stepIdOf } from './support/seed';

// The Rollout view (waves, gates, halt), the dashboard's rollout line and a step locked by its wave have
// no axe violations in either theme, and the rollout's controls work from the keyboard.

// Five axe runs and a halt in one test: more than the default minute on two shared cores.
test.describe.configure({ timeout: 150_000 });

/** The usual release in three waves: Acme's canary done, Europe waiting for its sign-off, the US last. */
async function seedRollout(page: Page, soakMinutes = 60) {
  const s = await seedDefault(page);
  const r = s.releaseId;
  await runCommand(page, 'planWaves', {
    releaseId: r,
    waves: [
      { name: 'Canary', select: { customerIds: [s.customers.acme] } },
      {
        name: 'Europe',
        select: { customerIds: [s.customers.beta] },
        gate: { signOff: true, soakMinutes },
      },
      { name: 'United States', select: { customerIds: [s.customers.cobalt] } },
    ],
  });
  for (const t of ['deploy', 'migrate', 'config', 'health'] as const)
    await runCommand(page, 'markDone', { releaseId: r, stepId: stepIdOf(s.customers.acme, s.templates[t]) });
  return s;
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test('the rollout view, halted and not, and a step locked by its wave have no axe violations', async ({
      page,
      matrix,
    }) => {
      const s = await seedRollout(page);
      const rollout = new RolloutPage(page);
      await rollout.goto(s.releaseId);
      await rollout.expectWaveState('Canary', 'Complete');
      await expect(rollout.wave('Europe').getByTestId('gate-condition')).toHaveCount(3);
      expect(await violations(page), 'rollout view').toEqual([]);
      await rollout.wave('Europe').getByRole('button', { name: 'Open Europe early…' }).click();
      expect(await violations(page), 'open early form').toEqual([]);
      await rollout.halt('checking the error rate');
      await rollout.expectWaveState('Europe', 'Halted');
      expect(await violations(page), 'halted rollout view').toEqual([]);
      await matrix.goto(s.releaseId);
      const locked = await matrix.open('Deploy app', 'Beta');
      await expect(locked.root.getByTestId('wave-lock')).toBeVisible();
      expect(await violations(page), 'locked step panel').toEqual([]);
      await page.goto('/');
      await expect(page.getByTestId('release-rollout')).toContainText(
        'Halted by You (this device): checking the error rate',
      );
      expect(await violations(page), 'dashboard').toEqual([]);
    });
  });
}

test('keyboard: halt and resume are reached with Tab and named; the palette offers halt and sign-off; the wave-lock is announced', async ({
  page,
  matrix,
  palette,
}) => {
  // No soak here: Europe's gate is ready for its sign-off at once.
  const s = await seedRollout(page, 0);
  const rollout = new RolloutPage(page);
  await rollout.goto(s.releaseId);
  const tabTo = async (name: string) => {
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
      if (focused === name) return;
    }
    throw new Error(`${name} not reached with Tab`);
  };
  await tabTo('Halt rollout…');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Why halt the rollout?' })).toBeFocused();
  await page.keyboard.type('keyboard halt');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(rollout.halted).toContainText('Halted by You (this device): keyboard halt');
  await tabTo('Resume rollout…');
  await page.keyboard.press('Enter');
  await page.keyboard.type('keyboard resume');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(rollout.halted).toHaveCount(0);
  // The palette lists the view's actions and opens the same forms.
  await palette.open();
  await palette.run('Sign off', 'Sign off Europe…');
  await expect(page.getByRole('textbox', { name: 'Sign-off note for Europe (optional)' })).toBeFocused();
  await page.keyboard.press('Escape');
  await palette.open();
  await palette.run('Halt rollout', 'Halt rollout…');
  await expect(page.getByRole('textbox', { name: 'Why halt the rollout?' })).toBeFocused();
  // The matrix: the lock of a closed wave is a status message the panel's buttons point at.
  await matrix.goto(s.releaseId);
  const panel = await matrix.open('Deploy app', 'Beta');
  const lock = panel.root.getByTestId('wave-lock');
  await expect(lock).toHaveAttribute('role', 'status');
  await expect(lock).toContainText('Europe is not open yet: its gate waits for a sign-off.');
  await expect(panel.markDoneButton).toHaveAttribute(
    'aria-describedby',
    (await lock.getAttribute('id')) ?? '',
  );
});
