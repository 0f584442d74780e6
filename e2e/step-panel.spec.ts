import { readFileSync } from 'node:fs';
import { expect, test } from './matrix-fixtures';
import { StepPanel } from './pages/step-panel';
import {
  DEFAULT_SPEC,
  defineSpec,
  runCommand,
  seedDefault,
  seedRelease,
  stepIdOf,
  type TestApi,
} from './support/seed';

// The step side panel (FV-007), opened from the matrix.

test.describe('step side panel', () => {
  test('shows the customer with cluster / namespace, the facts, and the content filled in for that customer', async ({
    page,
    matrix,
  }) => {
    const s = await seedDefault(page);
    await matrix.goto(s.releaseId);
    const panel = await matrix.open('Deploy app', 'Acme');
    await expect(panel.root).toContainText('Acme (prod-eu / acme-prod)');
    await expect(panel.fact('Category')).toHaveText('Deploy');
    await expect(panel.fact('Type')).toHaveText('Bash');
    await panel.expectStatus('pending');
    await expect(panel.source).toHaveText('From the release template');
    await expect(panel.content).toHaveText('helm upgrade app ./chart -n acme-prod --kube-context prod-eu');
    await expect(panel.content.locator('mark[data-variable="filled"]')).toHaveText(['acme-prod', 'prod-eu']);
    // Line numbers, and the cluster / namespace beside Copy and Download.
    await expect(panel.root.locator('[data-line-numbers="1"]')).toBeVisible();
    await expect(panel.target).toHaveText('Runs on prod-eu / acme-prod');
    await expect(panel.copyButton).toBeVisible();
    await expect(panel.downloadButton).toBeVisible();

    // The same step of another customer gets that customer's values.
    await panel.close();
    const other = await matrix.open('Deploy app', 'Cobalt');
    await expect(other.content).toHaveText('helm upgrade app ./chart -n cobalt-prod --kube-context prod-us');
    await expect(other.target).toHaveText('Runs on prod-us / cobalt-prod');
  });

  test('FET-001: D marks done from the keyboard; the cell and the history follow; notes are kept', async ({
    page,
    matrix,
  }) => {
    const s = await seedDefault(page);
    await matrix.goto(s.releaseId);
    const panel = await matrix.open('Run migration', 'Beta');
    await panel.notes.fill('ran at 10:30');
    await panel.root.getByRole('heading', { name: 'Run migration' }).click();
    await page.keyboard.press('d');
    await panel.expectStatus('done');
    await expect(panel.historyEntries()).toHaveText([/^Marked done \(notes: ran at 10:30\)/]);
    await expect(panel.root).toContainText('Executed');
    await expect(panel.notes).toHaveValue('ran at 10:30');
    await panel.close();
    await matrix.expectStatus('Run migration', 'Beta', 'done');
    await expect(matrix.cell('Run migration', 'Beta')).toHaveAccessibleName(/: Done Has notes$/);
  });

  test('BR-S03: skipping needs a reason, and the refusal shows beside the field; S opens the form', async ({
    page,
    matrix,
  }) => {
    const s = await seedDefault(page);
    await matrix.goto(s.releaseId);
    const panel = await matrix.open('Update config', 'Cobalt');
    await page.keyboard.press('s');
    const reason = panel.reason('Why skip this step?');
    await expect(reason).toBeFocused();
    await panel.button('Skip step').click();
    await expect(reason).toHaveAttribute('aria-invalid', 'true');
    await expect(reason).toHaveAccessibleDescription('Skipping a step needs a reason.');
    await panel.expectStatus('pending');
    await reason.fill('feature not used there');
    await panel.button('Skip step').click();
    await panel.expectStatus('skipped');
    await expect(panel.root).toContainText('Skip reason');
    await expect(panel.historyEntries().last()).toHaveText(/^Skipped: feature not used there/);
    await panel.close();
    await matrix.expectStatus('Update config', 'Cobalt', 'skipped');
  });

  test('BR-R04: a done step is reverted with a reason (R), then reopened; the history keeps everything', async ({
    page,
    matrix,
  }) => {
    const s = await seedDefault(page);
    await runCommand(page, 'markDone', {
      releaseId: s.releaseId,
      stepId: stepIdOf(s.customers.acme, s.templates.deploy),
    });
    await matrix.goto(s.releaseId);
    const panel = await matrix.open('Deploy app', 'Acme');
    await expect(panel.skipButton).toHaveCount(0);
    await expect(panel.overrideButton).toHaveCount(0);
    await page.keyboard.press('r');
    await expect(panel.reason('Why revert this step?')).toBeFocused();
    await panel.button('Revert step').click();
    await expect(panel.reason('Why revert this step?')).toHaveAccessibleDescription(
      /Reverting a step needs a reason\./,
    );
    await panel.reason('Why revert this step?').fill('pods crashloop');
    await panel.button('Revert step').click();
    await panel.expectStatus('reverted');
    await panel.reopenButton.click();
    await panel.button('Reopen step').click();
    await panel.expectStatus('pending');
    await expect(panel.historyEntries()).toHaveText([
      /^Marked done/,
      /^Reverted: pods crashloop/,
      /^Reopened/,
    ]);
  });

  test('Escape closes an open form first, then the panel', async ({ page, matrix }) => {
    const s = await seedDefault(page);
    await matrix.goto(s.releaseId);
    const panel = await matrix.open('Deploy app', 'Beta');
    await page.keyboard.press('s');
    await expect(panel.reason('Why skip this step?')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(panel.reason('Why skip this step?')).toHaveCount(0);
    await expect(panel.root).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(panel.root).toBeHidden();
  });

  test('FCS-002 / BR-S02 / FCS-005: override the content, view the original with a diff, reset to the template', async ({
    page,
    matrix,
  }) => {
    const s = await seedDefault(page);
    await matrix.goto(s.releaseId);
    const panel = await matrix.open('Run migration', 'Acme');
    await expect(panel.resetButton).toHaveCount(0);
    await panel.overrideButton.click();
    const editor = panel.root.getByRole('textbox', { name: 'Content for this customer' });
    await editor.fill("ALTER TABLE users ADD COLUMN tier TEXT;\nUPDATE users SET tier = 'gold';");
    await panel.button('Save override').click();
    await expect(panel.source).toHaveText(/^Overridden for Acme/);
    await expect(panel.notice()).toHaveText('Content overridden for prod-eu / acme-prod');
    await expect(panel.content).toContainText("UPDATE users SET tier = 'gold';");
    await expect(panel.root.locator('[data-line-numbers="2"]')).toBeVisible();

    await panel.viewOriginalButton.click();
    const diff = panel.root.getByTestId('content-diff');
    await expect(diff.locator('[data-diff="removed"]')).toHaveText([
      '−removed: -- migration for {{customer.name}}',
    ]);
    await expect(diff.locator('[data-diff="added"]')).toHaveText(["+added: UPDATE users SET tier = 'gold';"]);

    await panel.resetButton.click();
    await expect(panel.source).toHaveText('From the release template');
    await expect(panel.content).toHaveText('-- migration for Acme\nALTER TABLE users ADD COLUMN tier TEXT;');
    await panel.close();
    await expect(matrix.cell('Run migration', 'Acme')).toHaveAccessibleName(/: Pending$/);
  });

  test('FCS-006: a custom step is edited and deleted from its panel', async ({ page, matrix }) => {
    const s = await seedDefault(page);
    await runCommand(page, 'addCustomStep', {
      releaseId: s.releaseId,
      customerId: s.customers.beta,
      name: 'Warm cache',
      category: 'deploy',
      type: 'bash',
      content: 'redis-cli -n 0 ping',
    });
    await matrix.goto(s.releaseId);
    const panel = await matrix.open('Warm cache', 'Beta');
    await expect(panel.source).toHaveText('Custom step, only for Beta');
    await expect(panel.overrideButton).toHaveCount(0);
    await panel.editButton.click();
    await panel.root.getByRole('textbox', { name: 'Step name' }).fill('Warm caches');
    await panel.root
      .getByRole('textbox', { name: 'Content' })
      .fill('redis-cli -n {{customer.namespace}} ping');
    await panel.button('Save step').click();
    const renamed = new StepPanel(page, 'Warm caches');
    await renamed.expectOpen();
    await expect(renamed.content).toHaveText('redis-cli -n beta-prod ping');

    await renamed.deleteButton.click();
    await renamed.button('Delete step').click();
    await expect(renamed.root).toBeHidden();
    await expect.poll(() => matrix.stepNames()).toEqual(['Deploy app', 'Run migration', 'Update config']);
  });

  test.describe('copy and download', () => {
    test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

    test('Copy puts the content filled in for that customer on the clipboard', async ({ page, matrix }) => {
      const s = await seedDefault(page);
      await matrix.goto(s.releaseId);
      const panel = await matrix.open('Run migration', 'Cobalt');
      await panel.copyButton.click();
      await expect(panel.notice()).toHaveText('Copied for prod-us / cobalt-prod');
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
        '-- migration for Cobalt\nALTER TABLE users ADD COLUMN tier TEXT;',
      );
    });

    test('Download saves the filled-in content as <customer>_<step>.<extension of its type>', async ({
      page,
      matrix,
    }) => {
      const s = await seedDefault(page);
      await matrix.goto(s.releaseId);
      let panel = await matrix.open('Run migration', 'Acme');
      let download = page.waitForEvent('download');
      await panel.downloadButton.click();
      const sql = await download;
      expect(sql.suggestedFilename()).toBe('acme_run-migration.sql');
      expect(readFileSync(await sql.path(), 'utf8')).toBe(
        '-- migration for Acme\nALTER TABLE users ADD COLUMN tier TEXT;',
      );
      await panel.close();

      panel = await matrix.open('Deploy app', 'Beta');
      download = page.waitForEvent('download');
      await panel.downloadButton.click();
      expect((await download).suggestedFilename()).toBe('beta_deploy-app.sh');
      await panel.close();
      panel = await matrix.open('Update config', 'Beta');
      download = page.waitForEvent('download');
      await panel.downloadButton.click();
      expect((await download).suggestedFilename()).toBe('beta_update-config.txt');
    });
  });

  test('VR-03: variables that cannot be filled in are marked as errors, with the reason', async ({
    page,
    matrix,
  }) => {
    const spec = defineSpec({
      ...DEFAULT_SPEC,
      templates: [
        {
          key: 'tag',
          name: 'Tag image',
          category: 'deploy',
          type: 'bash',
          content:
            'tag {{release.nope}} for {{customer.tier}} in {{customer.namespace}} # {{ .Values.helm }}',
        },
      ],
    });
    const s = await seedRelease(page, spec);
    await matrix.goto(s.releaseId);
    const panel = await matrix.open('Tag image', 'Acme');
    await expect(panel.content.locator('mark[data-variable="unknown"]')).toHaveCount(2);
    await expect(panel.variableErrors).toContainText('release.nope is not a known variable');
    await expect(panel.variableErrors).toContainText('customer.tier is not a known variable');
    // Somebody else's template language is left alone (VR-04).
    await expect(panel.content).toContainText('{{ .Values.helm }}');
    await expect(panel.content.locator('mark[data-variable="filled"]')).toHaveText(['acme-prod']);
  });

  test('hostile step names and content are shown as text, in the panel and in the matrix', async ({
    page,
    matrix,
  }) => {
    const hostileName = '<img src=x onerror="window.__pwned=1">';
    const hostileContent = '<script>window.__pwned=1</script>\n<img src=x onerror="window.__pwned=1">';
    const spec = defineSpec({
      ...DEFAULT_SPEC,
      templates: [{ key: 'x', name: hostileName, category: 'deploy', type: 'text', content: hostileContent }],
    });
    const s = await seedRelease(page, spec);
    await matrix.goto(s.releaseId);
    await expect(matrix.rowHeader(hostileName)).toContainText(hostileName);
    await expect(matrix.grid.locator('img')).toHaveCount(0);
    const panel = await matrix.open(hostileName, 'Acme');
    await expect(panel.content).toHaveText(hostileContent);
    await expect(panel.root.locator('script, img')).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  test('MR-03 / MR-07: a clash with another device is flagged in the history; Mark reviewed clears it', async ({
    page,
    matrix,
  }) => {
    const s = await seedDefault(page);
    const stepId = stepIdOf(s.customers.acme, s.templates.deploy);
    // Two devices act on the same step while apart: done here, skipped there; then they meet.
    await page.evaluate(
      async ({ releaseId, stepId }) => {
        const rs = (window as unknown as { __runsheet?: TestApi }).__runsheet;
        if (!rs) throw new Error('no test API');
        const other = await rs.otherDevice(releaseId);
        const here = await rs.run('markDone', { releaseId, stepId });
        const there = other.run('skipStep', { releaseId, stepId, reason: 'done by hand' });
        if (!here.ok || !there.ok) throw new Error('a command was refused');
        other.sync();
        await rs.flush();
      },
      { releaseId: s.releaseId, stepId },
    );
    await matrix.goto(s.releaseId);
    const panel = await matrix.open('Deploy app', 'Acme');
    const conflict = panel.root.getByTestId('step-conflict');
    await expect(conflict).toContainText('Two devices changed this step while apart');
    await expect(panel.history.locator('[data-flagged]')).toHaveCount(1);
    await expect(panel.history.locator('[data-flagged]')).toContainText('Lost in a conflict');
    await conflict.getByRole('button', { name: 'Mark reviewed' }).click();
    await expect(conflict).toHaveCount(0);
    await expect(panel.history.locator('[data-flagged]')).toHaveCount(0);
    await expect(panel.historyEntries().last()).toHaveText(/^Conflict reviewed/);
  });
});
