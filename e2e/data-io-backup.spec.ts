import { expect, test } from './fixtures';
import { DataSettings } from './pages';
import { buildWorkspace, collectionsOf } from './support/workspace-fixtures';

// Each test gets a fresh browser context: an empty IndexedDB, so a restore starts from nothing.

test('IO-01 restore a backup into an empty workspace, then the backup download gives the same data back', async ({
  page,
}) => {
  const fixture = buildWorkspace();
  const data = new DataSettings(page);
  await data.goto();

  await data.chooseBackup('runsheet-backup-2026-03-01.json', fixture.text);
  await expect(data.dialog.getByRole('heading', { name: 'Restore into this empty workspace' })).toBeVisible();
  expect(await data.counts('clusters')).toEqual(['2', '0', '0', '0']);
  expect(await data.counts('customers')).toEqual(['3', '0', '0', '0']);
  expect(await data.counts('releases')).toEqual(['1', '0', '0', '0']);
  await data.confirmButton('Restore workspace').click();
  await expect(
    data.dialog.getByText(/Imported \d+ new records and 0 changes from runsheet-backup-2026-03-01\.json/),
  ).toBeVisible();
  await expect(data.dialog.getByRole('button', { name: 'Close' }).first()).toBeFocused();
  await data.dialog.getByRole('button', { name: 'Close' }).first().click();

  const { download, text } = await data.downloadBackup();
  expect(download.suggestedFilename()).toMatch(/^runsheet-backup-\d{4}-\d{2}-\d{2}\.json$/);
  expect(collectionsOf(text)).toEqual(collectionsOf(fixture.text));
  await expect(data.section.getByRole('status').filter({ hasText: 'Backup saved as' })).toBeVisible();

  // Stored, not only in memory: after a reload the backup is the same again.
  await page.reload();
  await data.expectLoaded();
  expect(collectionsOf((await data.downloadBackup()).text)).toEqual(collectionsOf(fixture.text));
});

test('IO-01 the backup this browser made restores in a fresh browser (another device)', async ({
  page,
  browser,
}) => {
  const fixture = buildWorkspace();
  const here = new DataSettings(page);
  await here.goto();
  await here.restore(fixture.text);
  const backup = await here.downloadBackup();

  const elsewhere = await browser.newContext();
  try {
    const there = new DataSettings(await elsewhere.newPage());
    await there.goto();
    await there.chooseBackup(backup.download.suggestedFilename(), backup.text);
    await expect(
      there.dialog.getByRole('heading', { name: 'Restore into this empty workspace' }),
    ).toBeVisible();
    await there.confirmButton('Restore workspace').click();
    await expect(there.dialog.getByRole('heading', { name: 'Workspace restored' })).toBeVisible();
    await there.dialog.getByRole('button', { name: 'Close' }).first().click();
    expect(collectionsOf((await there.downloadBackup()).text)).toEqual(collectionsOf(backup.text));
  } finally {
    await elsewhere.close();
  }
});

test('IO-06 merge a file into a used workspace: the preview lists new records, changed fields and conflicts', async ({
  page,
}) => {
  const fixture = buildWorkspace();
  const data = new DataSettings(page);
  await data.goto();
  await data.restore(fixture.text);

  // Another device's file: a new cluster, Beta renamed later, and a second "prod-eu" under another id.
  const other = JSON.parse(fixture.text);
  other.clusters.push({ ...other.clusters[0], id: 'cluster:elsewhere', name: 'PROD-EU' });
  other.clusters.push({ ...other.clusters[1], id: 'cluster:staging', name: 'staging' });
  const beta = other.customers.find((c: { name: string }) => c.name === 'Beta');
  beta.name = 'Beta GmbH';
  beta.updatedAt = '2026-04-01T00:00:00.000Z';
  await data.chooseBackup('other-device.json', JSON.stringify(other));

  await expect(data.dialog.getByRole('heading', { name: 'Merge into this workspace' })).toBeVisible();
  expect(await data.counts('clusters')).toEqual(['2', '0', '2', '0']);
  expect(await data.counts('customers')).toEqual(['0', '1', '2', '0']);
  await expect(data.dialog.getByRole('list', { name: 'Conflicts' })).toContainText(
    'Two active clusters would be named "prod-eu"',
  );
  await data.dialog.getByText('Changed (1)').click();
  const changed = data.dialog.getByRole('list', { name: 'Changed records' });
  await expect(changed).toContainText('Beta GmbH (prod-eu / beta-prod)');
  await expect(changed).toContainText('name: "Beta" → "Beta GmbH"');
  await data.dialog.getByText('New (2)').click();
  await expect(data.dialog.getByRole('list', { name: 'New records' })).toContainText('Clusters: staging');

  await data.confirmButton('Import into this workspace').click();
  await expect(
    data.dialog.getByText('Imported 2 new records and 1 change from other-device.json.'),
  ).toBeVisible();
  await data.dialog.getByRole('button', { name: 'Close' }).first().click();

  const after = JSON.parse((await data.downloadBackup()).text);
  expect(after.clusters.map((c: { name: string }) => c.name).sort()).toEqual([
    'PROD-EU',
    'prod-eu',
    'prod-us',
    'staging',
  ]);
  expect(after.customers.find((c: { id: string }) => c.id === fixture.customers.beta).name).toBe('Beta GmbH');
});

test('IO-03 a damaged file is refused with the path of each problem, and nothing changes', async ({
  page,
}) => {
  const fixture = buildWorkspace();
  const data = new DataSettings(page);
  await data.goto();
  await data.restore(fixture.text);
  const before = (await data.downloadBackup()).text;

  const damaged = JSON.parse(fixture.text);
  damaged.customers[1].namespace = 'Not A Namespace';
  damaged.clusters[0].isActive = 'yes';
  await data.chooseBackup('damaged.json', JSON.stringify(damaged));
  const problems = data.dialog.getByRole('list', { name: 'Problems in the file' });
  await expect(problems).toContainText('clusters[0].isActive');
  await expect(problems).toContainText('customers[1].namespace');
  await expect(data.dialog.getByRole('alert')).toContainText('This file cannot be imported: 2 problems');
  await expect(data.dialog.getByRole('button', { name: /Restore workspace|Import into/ })).toHaveCount(0);

  // A file that is not JSON at all, chosen again in the same dialog.
  await data.dialog.getByLabel('Backup file (.json)').setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('hello'),
  });
  await expect(data.dialog.getByRole('alert')).toContainText('This is not a JSON file');
  await data.dialog.getByRole('button', { name: 'Cancel' }).click();

  expect(collectionsOf((await data.downloadBackup()).text)).toEqual(collectionsOf(before));
});
