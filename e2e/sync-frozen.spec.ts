/**
 * FZ-09: a device that joins after a release is archived reads the relay's frozen snapshot (FZ-07) and
 * never syncs the release's document. Real relay, real Chromium, two profiles.
 */
import { MatrixPage } from './pages/matrix-page';
import { ReleasePage } from './pages/release-page';
import { ReleasesPage } from './pages/releases-page';
import { runCommand, seedDefault, stepIdOf } from './support/seed';
import { type Device, expect, test } from './sync-fixtures';

test.use({ relayPort: 4641 });

const VIC = { username: 'vic', password: 'vic-password-123', role: 'viewer' } as const;

/** Every cell of the matrix: its accessible name (step, customer, status) and its data-status. */
async function matrixCells(device: Device): Promise<string[][]> {
  const matrix = new MatrixPage(device.page);
  await expect(matrix.grid).toBeVisible();
  return matrix.grid
    .getByRole('gridcell')
    .evaluateAll((cells) =>
      cells.map((c) => [c.getAttribute('aria-label') ?? c.textContent ?? '', c.dataset.status ?? '']),
    );
}

/** The step panel's history lines of one step, oldest first. */
async function historyOf(device: Device, step: string, customer: string): Promise<string[]> {
  const panel = await new MatrixPage(device.page).open(step, customer);
  await expect(panel.historyEntries().first()).toBeVisible();
  const lines = await panel.historyEntries().allInnerTexts();
  await panel.close();
  return lines;
}

test('FZ-09 FZ-10 FZ-03 a new device opens a release archived elsewhere from the relay snapshot: the same matrix and history, the release room never synced until it is unarchived', async ({
  deviceA,
  deviceB,
}) => {
  test.setTimeout(90_000);
  const a = deviceA;
  await a.openSignedIn();
  await a.createUser(VIC);
  const s = await seedDefault(a.page);
  const step = (customer: keyof typeof s.customers, template: keyof typeof s.templates) =>
    stepIdOf(s.customers[customer], s.templates[template]);
  const { releaseId } = s;
  await runCommand(a.page, 'markDone', { releaseId, stepId: step('acme', 'deploy'), notes: 'rolled at 9' });
  await runCommand(a.page, 'markDone', { releaseId, stepId: step('beta', 'deploy') });
  await runCommand(a.page, 'skipStep', { releaseId, stepId: step('cobalt', 'migrate'), reason: 'no db' });
  await runCommand(a.page, 'markDone', { releaseId, stepId: step('acme', 'migrate') });
  await runCommand(a.page, 'revertStep', { releaseId, stepId: step('acme', 'migrate'), reason: 'wrong' });
  await runCommand(a.page, 'archiveRelease', { releaseId });
  await a.sync.expectSynced();
  // The relay freezes the release once the archive reaches it (FZ-06).
  const frozenPath = `/api/releases/${encodeURIComponent(releaseId)}/frozen`;
  await expect
    .poll(async () => (await a.context.request.get(frozenPath)).status(), { timeout: 15_000 })
    .toBe(200);

  const matrixA = new MatrixPage(a.page);
  await matrixA.goto(releaseId);
  const cellsA = await matrixCells(a);
  const historyA = await historyOf(a, 'Run migration', 'Acme');

  // Device B: a fresh profile, a viewer. Every WebSocket it opens is recorded.
  const b = deviceB;
  const rooms: string[] = [];
  b.page.on('websocket', (ws) => rooms.push(decodeURIComponent(new URL(ws.url()).pathname)));
  const snapshots: number[] = [];
  const isSnapshot = (url: string) =>
    decodeURIComponent(new URL(url).pathname) === `/api/releases/${releaseId}/frozen`;
  b.page.on('response', (r) => {
    if (isSnapshot(r.url())) snapshots.push(r.status());
  });
  // What B's page said and which requests failed: if B ever reads the release another way, the failure
  // says why (a run under heavy load once saw no snapshot request at all).
  const diagnostics: string[] = [];
  b.page.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error') diagnostics.push(`${m.type()}: ${m.text()}`);
  });
  b.page.on('requestfailed', (r) => {
    if (isSnapshot(r.url())) diagnostics.push(`snapshot request failed: ${r.failure()?.errorText}`);
  });
  await b.signInByApi(VIC.username, VIC.password);
  await b.page.goto('/');
  await b.sync.expectLabel('Read-only (viewer)', 10_000);
  // B opens it as a person does, from the release list once B's catalog lists it as archived: on a page
  // load straight at the release, B's catalog could still be the part its first page stored (it is applied
  // and stored in slices), with the release not yet archived, and B then rightly synced its document.
  const listB = new ReleasesPage(b.page);
  await listB.goto();
  await listB.filterByStatus('Archived');
  await listB.expectNames(['v2.5.0']);
  const matrixB = new MatrixPage(b.page);
  await listB.open('v2.5.0');
  await expect(matrixB.cell('Deploy app', 'Acme')).toHaveAttribute('data-status', 'done', {
    timeout: 15_000,
  });
  expect(await matrixCells(b)).toEqual(cellsA);
  expect(await historyOf(b, 'Run migration', 'Acme')).toEqual(historyA);
  expect(
    rooms.filter((room) => room.includes(releaseId)),
    `release rooms B opened; B's page said:\n${diagnostics.join('\n')}`,
  ).toEqual([]);
  expect(snapshots, `snapshot answers; B's page said:\n${diagnostics.join('\n')}`).toEqual([200]);

  // It read the release without its room: no socket to it, and the relay's audit has no join of it by B.
  expect(rooms).toContain('/sync/catalog');
  expect(rooms.filter((room) => room.includes(releaseId))).toEqual([]);
  const audit = await a.context.request.get(
    `/api/audit?user=${VIC.username}&entity=${encodeURIComponent(releaseId)}&limit=100`,
  );
  expect(audit.status()).toBe(200);
  const rows = ((await audit.json()) as { items: Array<{ action: string; path: string | null }> }).items;
  expect(rows.filter((r) => r.action === 'sync.join')).toEqual([]);
  expect(rows.some((r) => r.action === 'api.read' && r.path?.endsWith('/frozen'))).toBe(true);

  // A reload reads the snapshot it kept: no second download, still no room.
  await b.page.reload();
  await expect(matrixB.cell('Deploy app', 'Acme')).toHaveAttribute('data-status', 'done');
  expect(await matrixCells(b)).toEqual(cellsA);
  // FZ-10: it asks the relay again with the kept hash, and is told it has not changed.
  await expect.poll(() => snapshots).toEqual([200, 304]);
  expect(rooms.filter((room) => room.includes(releaseId))).toEqual([]);

  // The release list reads the projection rows kept with the snapshot: the same row as on A.
  const rowText = async (device: Device) => {
    await device.page.goto('/releases?status=archived');
    const row = new ReleasesPage(device.page).row('v2.5.0');
    // Its progress is read from the projection after the row appears.
    await expect(row).toContainText(/\d+ steps/, { timeout: 10_000 });
    return ((await row.textContent()) ?? '').replace(/\s+/g, ' ');
  };
  expect(await rowText(b)).toEqual(await rowText(a));
  expect(rooms.filter((room) => room.includes(releaseId))).toEqual([]);
  await matrixA.goto(releaseId);
  await matrixB.goto(releaseId);

  // FZ-03: A unarchives; B's view moves to the document, which it now syncs, and reads the same.
  const releaseA = new ReleasePage(a.page);
  await releaseA.unarchiveButton.click();
  await releaseA.expectStatus('Active');
  await a.sync.expectSynced();
  await new ReleasePage(b.page).expectStatus('Active');
  await expect
    .poll(() => rooms.filter((room) => room.includes(releaseId)).length, { timeout: 15_000 })
    .toBe(1);
  await expect(matrixB.cell('Deploy app', 'Acme')).toHaveAttribute('data-status', 'done');
  await expect.poll(async () => (await a.context.request.get(frozenPath)).status()).toBe(404);
  expect(await historyOf(b, 'Run migration', 'Acme')).toEqual(historyA);
  expect(await matrixCells(b)).toEqual(await matrixCells(a));
});
