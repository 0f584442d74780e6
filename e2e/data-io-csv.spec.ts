import { expect, test } from './fixtures';
import { CsvImportDialog, DataSettings } from './pages';
import { buildWorkspace } from './support/workspace-fixtures';

function parse(text: string): string[][] {
  // The exports quote nothing these tests need to read back, except where a test says so.
  return text
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));
}

test('IO-11 paste customers: invalid rows are fixed in place, valid rows import, the rest stay to fix', async ({
  page,
}) => {
  const data = new DataSettings(page);
  const csv = new CsvImportDialog(page);
  await data.goto();
  await data.restore(buildWorkspace().text);

  await csv.open();
  await csv.pasteCsv(
    [
      'cluster,namespace,name,meta.tier',
      'prod-eu,delta-prod,Delta,silver',
      'prod-us,Echo Prod,Echo,',
      'mars-1,fox-prod,Fox,',
      'prod-eu,delta-prod,Delta again,',
    ].join('\n'),
  );
  await expect(csv.summary).toHaveText('1 of 4 customers ready; 3 with problems (fix them in the table).');
  const echoNamespace = csv.cell('Namespace', 3);
  await expect(echoNamespace).toHaveAttribute('aria-invalid', 'true');
  await expect(echoNamespace).toHaveAccessibleDescription(/must be a Kubernetes name/);
  await expect(csv.cell('Cluster', 4)).toHaveAccessibleDescription('There is no cluster named "mars-1".');
  await expect(csv.cell('Namespace', 5)).toHaveAccessibleDescription(
    'Same namespace in this cluster as row 1 of this import.',
  );

  // Fixed in place, checked again while typing.
  await echoNamespace.fill('echo-prod');
  await expect(echoNamespace).not.toHaveAttribute('aria-invalid');
  await csv.cell('Namespace', 5).fill('delta-staging');
  await expect(csv.summary).toHaveText('3 of 4 customers ready; 1 with problems (fix them in the table).');

  await csv.importButton(3).click();
  await expect(csv.status).toHaveText('Imported 3 customers. 1 row with problems stays below to fix.');
  await expect(csv.summary).toHaveText('0 of 1 customers ready; 1 with problems (fix them in the table).');
  // Focus goes to what is left to do: the cell still to fix, then Close.
  await expect(csv.cell('Cluster', 4)).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('PROD-US');
  await csv.importButton(1).click();
  await expect(csv.status).toHaveText('Imported 1 customer.');
  await expect(csv.dialog.getByRole('button', { name: 'Close' }).first()).toBeFocused();
  await csv.dialog.getByRole('button', { name: 'Close' }).first().click();

  const { download, text } = await data.download(
    page.getByRole('button', { name: 'Export customers (CSV)' }),
  );
  expect(download.suggestedFilename()).toMatch(/^runsheet-customers-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = parse(text);
  expect(rows[0]).toEqual(['cluster', 'namespace', 'name', 'description', 'status', 'id', 'meta.tier']);
  expect(rows.slice(1).map((r) => `${r[0]}/${r[1]}/${r[2]}/${r[6]}`)).toEqual([
    'prod-eu/acme-prod/Acme/gold',
    'prod-eu/beta-prod/Beta/',
    'prod-eu/delta-prod/Delta/silver',
    'prod-eu/delta-staging/Delta again/',
    'prod-us/cobalt-prod/Cobalt/',
    'prod-us/echo-prod/Echo/',
    'prod-us/fox-prod/Fox/',
  ]);
});

test('IO-12 exported CSV is formula-safe: a name that starts with "=" gets an apostrophe', async ({
  page,
}) => {
  const data = new DataSettings(page);
  const csv = new CsvImportDialog(page);
  await data.goto();
  await data.restore(buildWorkspace().text);
  await csv.open();
  await csv.pasteCsv('name,kubeconfig_path\n"=HYPERLINK(""http://evil"",""x"")",~/.kube/evil\n@SUM(1),');
  await expect(csv.summary).toHaveText('2 of 2 clusters ready.');
  await csv.importButton(2).click();
  await expect(csv.status).toHaveText('Imported 2 clusters.');
  await csv.dialog.getByRole('button', { name: 'Close' }).first().click();

  const { text } = await data.download(page.getByRole('button', { name: 'Export clusters (CSV)' }));
  expect(text).toContain(`"'=HYPERLINK(""http://evil"",""x"")",~/.kube/evil,`);
  expect(text).toContain("\r\n'@SUM(1),,");
  expect(text).not.toMatch(/(^|\r\n|,)[=@+-]/);
});

test('IO-11 a CSV file with a BOM and CRLF line ends is read like a paste', async ({ page }) => {
  const data = new DataSettings(page);
  const csv = new CsvImportDialog(page);
  await data.goto();
  await data.restore(buildWorkspace().text);
  await csv.open();
  await csv.dialog.getByLabel('Or choose a CSV file').setInputFiles({
    name: 'clusters.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('\uFEFFname,description\r\n"lab, second floor","racks 1-4\r\nand 5"\r\n', 'utf8'),
  });
  await expect(csv.cell('Name', 2)).toHaveValue('lab, second floor');
  await expect(csv.summary).toHaveText('1 of 1 clusters ready.');
});
