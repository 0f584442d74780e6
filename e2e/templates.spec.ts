import { expect, test } from './fixtures';

const SCRIPT = '<script>window.__pwned=1</script>';
const IMG = '<img src=x onerror="window.__pwned=1">';

test.describe('template steps', () => {
  test.beforeEach(async ({ releaseForm, release }) => {
    await releaseForm.create({ name: 'Spring', type: 'Release', version: 'v2.5.0' });
    await release.stepsTab.click();
  });

  test('FS-001 / BR-S04: deploy and verify steps are separate lists, each in the order added', async ({
    templateSteps,
  }) => {
    await templateSteps.expectLoaded('Spring');
    await templateSteps.addStep('Deploy', {
      name: 'Migrate',
      type: 'SQL',
      content: 'ALTER TABLE a ADD b int;',
    });
    await templateSteps.addStep('Verify', { name: 'Smoke test', type: 'Bash', content: 'curl -f /healthz' });
    await templateSteps.addStep('Deploy', {
      name: 'Helm upgrade',
      type: 'Bash',
      content: 'helm upgrade app',
    });
    await templateSteps.expectNames('Deploy', ['Migrate', 'Helm upgrade']);
    await templateSteps.expectNames('Verify', ['Smoke test']);
  });

  test('a step needs a name; the reason shows beside it', async ({ templateSteps }) => {
    await templateSteps.addButton('Deploy').click();
    await templateSteps.form.fill({ content: 'echo hi' });
    await templateSteps.form.dialog.getByRole('button', { name: 'Add step' }).click();
    await expect(templateSteps.form.name).toHaveAttribute('aria-invalid', 'true');
    await expect(templateSteps.form.name).toHaveAccessibleDescription('A name is required.');
    await expect(templateSteps.form.name).toBeFocused();
  });

  test('FS-002: edit changes name, category and type; a draft shows no customer impact', async ({
    templateSteps,
  }) => {
    await templateSteps.addStep('Deploy', { name: 'Check', type: 'Bash', content: 'echo ok' });
    const form = await templateSteps.openEdit('Check');
    await expect(form.impact).toHaveCount(0);
    await form.fill({ name: 'Check version', category: 'Verify', type: 'Text', content: 'Open /version' });
    await form.save();
    await templateSteps.expectNames('Deploy', []);
    await templateSteps.expectNames('Verify', ['Check version']);
    await expect(
      templateSteps.step('Check version').getByText('Text', { exact: true }).first(),
    ).toBeVisible();
  });

  test('a half-typed step survives a reload; Escape discards it', async ({ page, templateSteps }) => {
    await templateSteps.addButton('Verify').click();
    await templateSteps.form.fill({ name: 'Half', type: 'SQL', content: 'SELECT 1' });
    await page.reload();
    await templateSteps.addButton('Verify').click();
    await expect(templateSteps.form.name).toHaveValue('Half');
    await expect(templateSteps.form.content).toHaveValue('SELECT 1');
    await expect(templateSteps.form.type).toHaveText('SQL');
    await page.keyboard.press('Escape');
    await expect(templateSteps.form.dialog).toBeHidden();
    await templateSteps.addButton('Verify').click();
    await expect(templateSteps.form.name).toHaveValue('');
  });

  test('FS-004: delete of a step nobody ran yet says so, and removes it', async ({ templateSteps }) => {
    await templateSteps.addStep('Deploy', { name: 'Obsolete', type: 'Bash', content: 'true' });
    await templateSteps.openDelete('Obsolete');
    await expect(templateSteps.deleteImpact).toHaveText('No customer has this step yet.');
    await templateSteps.confirmDelete();
    await templateSteps.expectNames('Deploy', []);
  });

  test.describe('reorder', () => {
    test.beforeEach(async ({ templateSteps }) => {
      for (const name of ['One', 'Two', 'Three']) {
        await templateSteps.addStep('Deploy', { name, type: 'Bash', content: `echo ${name}` });
      }
      await templateSteps.expectNames('Deploy', ['One', 'Two', 'Three']);
    });

    test('FS-003: drag and drop with the mouse, kept after a reload', async ({ page, templateSteps }) => {
      await templateSteps.dragOnto('Three', 'One');
      await templateSteps.expectNames('Deploy', ['Three', 'One', 'Two']);
      await page.reload();
      await templateSteps.expectNames('Deploy', ['Three', 'One', 'Two']);
    });

    test('FS-003: drag with the keyboard only (Space, arrows, Space), focus stays on the step', async ({
      page,
      templateSteps,
    }) => {
      await templateSteps.keyboardMove('One', 2);
      await templateSteps.expectNames('Deploy', ['Two', 'Three', 'One']);
      await expect(templateSteps.handle('One')).toBeFocused();
      // Escape cancels a pick-up: nothing moves. Each key waits for the announcement of the one before:
      // dnd-kit listens for the drag's keys only once the pick-up has rendered (a key sooner is lost).
      await page.keyboard.press('Space');
      await expect(templateSteps.dragAnnouncement).toContainText('One is over position 3 of');
      await page.keyboard.press('ArrowUp');
      await expect(templateSteps.dragAnnouncement).toContainText('One is over position 2 of');
      await page.keyboard.press('Escape');
      await expect(templateSteps.dragAnnouncement).toContainText('Cancelled. One stays where it was.');
      await templateSteps.expectNames('Deploy', ['Two', 'Three', 'One']);
      await page.reload();
      await templateSteps.expectNames('Deploy', ['Two', 'Three', 'One']);
    });

    test('Move up / Move down buttons reorder and keep focus on the moved step', async ({
      templateSteps,
    }) => {
      await expect(templateSteps.moveUpButton('One')).toBeDisabled();
      await expect(templateSteps.moveDownButton('Three')).toBeDisabled();
      await templateSteps.moveDownButton('One').click();
      await templateSteps.expectNames('Deploy', ['Two', 'One', 'Three']);
      await expect(templateSteps.moveDownButton('One')).toBeFocused();
      // Pressing again with the keyboard moves it on; at the end focus falls back to "up".
      await templateSteps.page.keyboard.press('Enter');
      await templateSteps.expectNames('Deploy', ['Two', 'Three', 'One']);
      await expect(templateSteps.moveUpButton('One')).toBeFocused();
      await templateSteps.moveUpButton('Three').click();
      await templateSteps.expectNames('Deploy', ['Three', 'Two', 'One']);
    });
  });

  test('FS-005: bash and SQL are highlighted with line numbers, text is plain; Copy copies', async ({
    page,
    context,
    templateSteps,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const script = 'if true; then\n  echo "deploy"\nfi';
    await templateSteps.addStep('Deploy', { name: 'Deploy app', type: 'Bash', content: script });
    await templateSteps.addStep('Deploy', {
      name: 'Count users',
      type: 'SQL',
      content: 'SELECT count(*) FROM users;',
    });
    await templateSteps.addStep('Verify', {
      name: 'Look',
      type: 'Text',
      content: 'if it looks right, then done',
    });

    const bash = templateSteps.step('Deploy app');
    await expect(bash.locator('.token.keyword').first()).toHaveText('if');
    await expect(bash.locator('[data-line-numbers]')).toHaveText('1\n2\n3');
    await expect(templateSteps.code('Deploy app')).toHaveText(script);
    await expect(templateSteps.step('Count users').locator('.token.keyword').first()).toHaveText('SELECT');
    await expect(templateSteps.step('Look').locator('.token')).toHaveCount(0);
    await expect(templateSteps.step('Look').locator('[data-line-numbers]')).toHaveCount(0);

    await templateSteps.copyButton('Deploy app').click();
    await expect(templateSteps.copyButton('Deploy app')).toHaveText('Copied');
    await expect(page.getByRole('status').filter({ hasText: 'Copied to the clipboard' })).toBeAttached();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(script);
  });

  test('the content editor highlights as you type, keeps a real labelled textarea, and Copy works there', async ({
    page,
    context,
    templateSteps,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await templateSteps.addButton('Deploy').click();
    const form = templateSteps.form;
    await form.fill({ name: 'Query', type: 'SQL' });
    await form.content.click();
    await page.keyboard.type('SELECT 1;\nSELECT 2;');
    await expect(form.content).toHaveValue('SELECT 1;\nSELECT 2;');
    const editor = form.dialog.locator('[data-code-type="sql"]');
    await expect(editor.locator('.token.keyword')).toHaveText(['SELECT', 'SELECT']);
    await expect(editor.locator('[data-line-numbers]')).toHaveText('1\n2');
    await form.dialog.getByRole('button', { name: 'Copy content' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('SELECT 1;\nSELECT 2;');
    // Tab leaves the editor (no keyboard trap).
    await form.content.focus();
    await page.keyboard.press('Tab');
    await expect(form.content).not.toBeFocused();
  });

  test('step content holding HTML or script shows as text and never runs', async ({
    page,
    templateSteps,
  }) => {
    const hostile = `${SCRIPT}\n${IMG}`;
    for (const type of ['Bash', 'SQL', 'Text'] as const) {
      await templateSteps.addStep('Deploy', { name: `Hostile ${type}`, type, content: hostile });
    }
    await templateSteps.addStep('Verify', { name: IMG, type: 'Text', content: SCRIPT, description: SCRIPT });
    for (const type of ['Bash', 'SQL', 'Text'] as const) {
      await expect(templateSteps.code(`Hostile ${type}`)).toHaveText(hostile);
    }
    await expect(templateSteps.step(IMG)).toBeVisible();
    await expect(templateSteps.step(IMG).getByText(SCRIPT)).toHaveCount(2);
    await expect(page.locator('main img, main script')).toHaveCount(0);

    await page.reload();
    await templateSteps.openEdit('Hostile Bash');
    await expect(templateSteps.form.content).toHaveValue(hostile);
    await expect(templateSteps.form.dialog.locator('img, script')).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  });
});
