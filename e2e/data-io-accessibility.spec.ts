import { expect, test } from './fixtures';
import { CsvImportDialog, DataSettings, ReportPage } from './pages';
import { axeViolations as violations } from './support/axe';
import { buildLargeWorkspace } from './support/large-workspace';
import { buildWorkspace } from './support/workspace-fixtures';

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test('IO-17 the data section and the merge preview have no axe violations', async ({ page }) => {
      const fixture = buildWorkspace();
      const data = new DataSettings(page);
      await data.goto();
      expect(await data.shell.appliedTheme()).toBe(scheme);
      await expect(data.usage).toBeVisible();
      expect(await violations(page)).toEqual([]);

      await data.restore(fixture.text);
      const other = JSON.parse(fixture.text);
      other.clusters.push({ ...other.clusters[0], id: 'cluster:elsewhere', name: 'PROD-EU' });
      other.customers[1].name = 'Beta GmbH';
      other.customers[1].updatedAt = '2026-04-01T00:00:00.000Z';
      await data.chooseBackup('other.json', JSON.stringify(other));
      await data.dialog.getByText('Changed (1)').click();
      await data.dialog.getByText('New (1)').click();
      await expect(data.dialog.getByRole('list', { name: 'Conflicts' })).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });

    test('IO-17 the progress of a large restore and the Saving… badge have no axe violations', async ({
      page,
    }) => {
      test.setTimeout(120_000);
      const large = buildLargeWorkspace({ customers: 1000, done: 10_000 });
      const data = new DataSettings(page);
      await data.goto();
      await data.chooseBackup('large.json', large.text);
      // On a fast machine the badge and the "Applying" bar may come and go between two checks, so the
      // page records whether they were ever shown (checked below), and axe runs on whatever is up.
      await page.evaluate(() => {
        const seen = { saving: false, applying: false };
        (window as unknown as { __seen: typeof seen }).__seen = seen;
        new MutationObserver(() => {
          if (document.querySelector('[data-testid="saving-status"]')?.textContent?.includes('Saving…'))
            seen.saving = true;
          if (
            document.querySelector('[data-testid="import-progress"]')?.getAttribute('data-phase') ===
            'applying'
          )
            seen.applying = true;
        }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      });
      await data.confirmButton('Restore workspace').click();
      // Preparing runs in the worker for seconds: the page is still, and the count moves.
      const preparing = data.dialog.getByRole('progressbar', { name: /^Preparing the records/ });
      await expect(preparing).toHaveAttribute('aria-valuetext', /changes$/, { timeout: 60_000 });
      expect(await violations(page)).toEqual([]);
      await expect(data.dialog.getByRole('heading', { name: 'Workspace restored' })).toBeVisible({
        timeout: 60_000,
      });
      expect(await violations(page)).toEqual([]);
      const seen = await page.evaluate(() => (window as unknown as { __seen: object }).__seen);
      expect(seen, 'the Saving… badge and the Applying progress were shown').toEqual({
        saving: true,
        applying: true,
      });
    });

    test('IO-17 a refused file has no axe violations', async ({ page }) => {
      const data = new DataSettings(page);
      await data.goto();
      await data.chooseBackup(
        'bad.json',
        '{"format":"runsheet-workspace","version":1,"clusters":[{"id":"x"}]}',
      );
      await expect(data.dialog.getByRole('alert')).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });

    test('IO-17 the CSV preview with errors has no axe violations', async ({ page }) => {
      const data = new DataSettings(page);
      const csv = new CsvImportDialog(page);
      await data.goto();
      await data.restore(buildWorkspace().text);
      await csv.open();
      await csv.pasteCsv('cluster,namespace,name\nprod-eu,ok-prod,Ok\nmars,Bad NS,\n');
      await expect(csv.summary).toContainText('1 of 2 customers ready');
      expect(await violations(page)).toEqual([]);
    });

    test('IO-17 the report page has no axe violations', async ({ page }) => {
      const fixture = buildWorkspace();
      await new DataSettings(page).goto().then((d) => d.restore(fixture.text));
      const report = new ReportPage(page, fixture.releaseId, 'v2.5.0');
      await report.goto();
      await expect(report.section('Overrides (1)')).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });
  });
}
