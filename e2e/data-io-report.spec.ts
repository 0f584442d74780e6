import { expect, test } from './fixtures';
import { DataSettings, ReportPage } from './pages';
import { buildWorkspace, HOSTILE_NAME } from './support/workspace-fixtures';

test('IO-14 the report page shows progress by cluster and category, skips, reverts, overrides and who did what', async ({
  page,
}) => {
  const fixture = buildWorkspace();
  await new DataSettings(page).goto().then((d) => d.restore(fixture.text));
  const report = new ReportPage(page, fixture.releaseId, 'v2.5.0');
  await report.goto();

  await expect(report.section('Progress')).toContainText(/\d+% complete/);
  const byCluster = report.section('By cluster');
  await expect(byCluster.getByRole('heading', { level: 3 })).toHaveText(['prod-eu', 'prod-us']);
  await expect(byCluster.getByRole('table', { name: 'Customers of cluster prod-eu' })).toContainText(
    'acme-prod',
  );
  await expect(report.section('Skipped steps (1)')).toContainText('no schema change');
  await expect(report.section('Reverted steps (1)')).toContainText('pods crashlooping');
  const overrides = report.section('Overrides (1)');
  await expect(overrides).toContainText('Beta (prod-eu / beta-prod): Deploy app');
  await expect(overrides.getByLabel('Template content compared with the override')).toContainText(
    '+helm upgrade app --atomic -n beta-prod',
  );
  const log = report.section(/Who did what/);
  await expect(log.getByRole('row')).toHaveCount(5);
  await expect(log).toContainText('Alice');

  // On paper: the report alone.
  await page.emulateMedia({ media: 'print' });
  await expect(report.toolbar).toBeHidden();
  await expect(report.shell.header).toBeHidden();
  await expect(report.heading).toBeVisible();
});

test('IO-14 the Markdown download and the matrix CSV carry the same facts', async ({ page }) => {
  const fixture = buildWorkspace();
  const data = new DataSettings(page);
  await data.goto();
  await data.restore(fixture.text);
  const report = new ReportPage(page, fixture.releaseId, 'v2.5.0');
  await report.goto();

  const md = await data.download(report.markdownButton);
  expect(md.download.suggestedFilename()).toMatch(/^runsheet-v2-5-0-report-\d{4}-\d{2}-\d{2}\.md$/);
  expect(md.text).toContain('# Release report: v2.5.0');
  expect(md.text).toMatch(/\*\*\d+% complete\*\* · \d+% done/);
  expect(md.text).toContain('## Skipped steps (1)');
  expect(md.text).toContain('no schema change');
  expect(md.text).toContain('```diff\n--- template\n+++ override for Beta\n');

  const csv = await data.download(report.csvButton);
  expect(csv.download.suggestedFilename()).toMatch(/^runsheet-v2-5-0-matrix-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = csv.text.trimEnd().split('\r\n');
  expect(rows[0]).toBe(
    'cluster,namespace,customer,category,position,step,type,status,who,when,notes,skip_reason,revert_reason,overridden,custom,template_deleted,customer_archived,step_id',
  );
  // 3 customers × 3 template steps, plus Acme's custom step.
  expect(rows).toHaveLength(1 + 10);
  expect(rows.find((r) => r.startsWith('prod-eu,acme-prod,Acme,deploy,2,Migrate'))).toContain(
    ',skipped,Alice,',
  );
  expect(rows.find((r) => r.includes('Flush cache'))).toContain(',no,yes,no,no,');
});

test('IO-15 hostile names and reasons show as text on the page and in the Markdown', async ({ page }) => {
  const fixture = buildWorkspace({ hostile: true });
  const data = new DataSettings(page);
  await data.goto();
  await data.restore(fixture.text);
  const name = `v2.5.0 **bold** ${HOSTILE_NAME}`;
  const report = new ReportPage(page, fixture.releaseId, name);
  await report.goto();

  await expect(report.section('Skipped steps (1)')).toContainText(`no change ${HOSTILE_NAME}`);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('main img, main script').count()).toBe(0);

  const md = (await data.download(report.markdownButton)).text;
  expect(md).toContain(
    '# Release report: v2.5.0 \\*\\*bold\\*\\* \\<img src=x onerror="window.\\_\\_pwned=1"\\>',
  );
  expect(md).not.toMatch(/(^|[^\\])<(img|script)/m);
});
