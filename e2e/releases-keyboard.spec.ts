import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

/** A focus indicator is an outline or a box-shadow ring that is actually drawn. */
async function hasVisibleFocus(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 1;
    const ring = style.boxShadow !== 'none' && style.boxShadow !== '';
    return outline || ring;
  });
}

test('a release and its template steps can be made with the keyboard alone, with visible focus', async ({
  page,
  releases,
  releaseForm,
  release,
  templateSteps,
}) => {
  await releases.goto();
  await releases.newReleaseButton.focus();
  await page.keyboard.press('Enter');
  await expect(releaseForm.name).toBeVisible();

  await releaseForm.name.focus();
  await page.keyboard.type('Keyboard release');
  await page.keyboard.press('Tab');
  await expect(releaseForm.type).toBeFocused();
  expect(await hasVisibleFocus(releaseForm.type)).toBe(true);
  // Radix Select: Enter opens, arrows move, Enter chooses.
  await page.keyboard.press('Enter');
  await page.getByRole('option', { name: 'Hotfix' }).focus();
  await page.keyboard.press('Enter');
  await expect(releaseForm.type).toHaveText('Hotfix');
  await releaseForm.name.focus();
  await page.keyboard.press('Enter');
  await release.expectLoaded('Keyboard release');

  await release.stepsTab.focus();
  expect(await hasVisibleFocus(release.stepsTab)).toBe(true);
  await page.keyboard.press('Enter');
  await templateSteps.addButton('Deploy').focus();
  await page.keyboard.press('Enter');
  await expect(templateSteps.form.name).toBeFocused();
  await page.keyboard.type('Restart');
  await templateSteps.form.content.focus();
  await page.keyboard.type('kubectl rollout restart deploy/app');
  await page.keyboard.press('Tab');
  await expect(templateSteps.form.content).not.toBeFocused();
  // Enter in a one-line field submits the form.
  await templateSteps.form.name.focus();
  await page.keyboard.press('Enter');
  await expect(templateSteps.form.dialog).toBeHidden();
  await templateSteps.expectNames('Deploy', ['Restart']);

  for (const control of [
    templateSteps.handle('Restart'),
    templateSteps.copyButton('Restart'),
    templateSteps.step('Restart').locator('[data-code-scroll]'),
  ]) {
    await control.focus();
    expect(await hasVisibleFocus(control)).toBe(true);
  }
});
