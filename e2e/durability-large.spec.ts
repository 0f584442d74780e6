/**
 * The backup of a finished release, 1,000 customers x 50 steps with all 50,000 done (about 49 MB of
 * JSON, version 2), restores in the browser (IO-19): read, checked, planned and built in a worker with
 * progress shown, applied and stored whole, said restored only once stored (IO-18), and there after a
 * reload at that very moment. Before, it crashed the tab.
 *
 * The slowest browser test, about 2 minutes on this 2-core machine with other jobs running (1.9 min at a
 * load average of 12: 3 s to generate the file, 4 s to the preview, 85 s to restore and reload, 20 s
 * for the release page to open the 27 MB document). See docs/BENCHMARKS.md, "Restoring a large backup".
 */
import { writeFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { DataSettings } from './pages';
import { ReleasePage } from './pages/release-page';
import { urlId } from './pages/text';
import { buildLargeWorkspace } from './support/large-workspace';
import { reloadAsSoonAsShown } from './support/reload';

const PHASES_KEY = 'e2e-import-phases';

test('IO-19 the backup of the 50,000-done release restores in the browser with progress, and a reload right after keeps it', async ({
  page,
}, testInfo) => {
  test.setTimeout(360_000);
  const workspace = buildLargeWorkspace({ customers: 1000, templates: 50, done: 50_000 });
  const path = testInfo.outputPath('runsheet-backup-50000-done.json');
  await writeFile(path, workspace.text);

  const data = new DataSettings(page);
  await data.goto();
  // Every step the dialog shows, kept across the reload at the end.
  await page.evaluate((key) => {
    sessionStorage.setItem(key, '');
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid="import-progress"]');
      const phase = el?.getAttribute('data-phase');
      const seen = sessionStorage.getItem(key)?.split(',').filter(Boolean) ?? [];
      if (phase && seen.at(-1) !== phase) sessionStorage.setItem(key, [...seen, phase].join(','));
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  }, PHASES_KEY);

  await data.restoreButton.click();
  await data.dialog.getByLabel('Backup file (.json)').setInputFiles(path);
  await expect(data.dialog.getByRole('heading', { name: 'Restore into this empty workspace' })).toBeVisible({
    timeout: 60_000,
  });
  expect(await data.counts('customers')).toEqual(['1000', '0', '0', '0']);
  expect(await data.counts('stepStates')).toEqual(['50000', '0', '0', '0']);

  await data.confirmButton('Restore workspace').click();
  // Building counts what it did, while the page stays responsive (the work is in a worker).
  await expect(data.dialog.getByRole('progressbar', { name: /^Preparing the records/ })).toHaveAttribute(
    'aria-valuetext',
    /^[\d,]+ of [\d,]+ changes$/,
    { timeout: 60_000 },
  );
  await expect(page.getByTestId('saving-status')).toContainText('Saving…');
  await reloadAsSoonAsShown(page, 'dialog', 'Workspace restored', async () => {}, 240_000);

  const phases = await page.evaluate((key) => sessionStorage.getItem(key), PHASES_KEY);
  // The last step, saving, can be too short to paint: every piece was stored as it was applied.
  expect(phases?.split(',').slice(0, 4)).toEqual(['reading', 'planning', 'building', 'applying']);
  await page.goto(`/releases/${urlId(workspace.releaseId)}`);
  const release = new ReleasePage(page);
  // Opening a release this large is the release page's own work (it reads the whole document).
  await expect(release.heading(workspace.releaseName)).toBeVisible({ timeout: 60_000 });
  await expect(release.progress('Overall progress')).toHaveAttribute(
    'aria-valuetext',
    '100% complete (50000 done, 0 skipped of 50000)',
    { timeout: 60_000 },
  );
});
