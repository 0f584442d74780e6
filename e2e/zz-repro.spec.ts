import { expect, test } from './fixtures';
import { DataSettings, ReleasesPage } from './pages';
import { buildLargeWorkspace } from './support/large-workspace';

test('repro: reload right after restore', async ({ page }) => {
  test.setTimeout(400_000);
  const t0 = Date.now();
  const big = buildLargeWorkspace({ customers: 1000, done: Number(process.env.DONE ?? 3000) });
  console.log('gen ms', Date.now() - t0, big.text.length);
  const data = new DataSettings(page);
  const t00 = Date.now();
  page.on('console', (m) => { if (m.text().startsWith('DBG')) console.log(Date.now() - t00, m.text()); });
  page.on('worker', (w) => w.on('console', (m) => console.log(Date.now() - t00, 'W', m.text())));
  await data.goto();
  await page.evaluate(() => {
    const w = window as unknown as { phases: string[] };
    w.phases = [];
    const t = performance.now();
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid="import-progress"]');
      const p = el?.getAttribute('data-phase') ?? (document.body.textContent?.includes('Workspace restored') ? 'done' : 'none');
      if (w.phases.at(-1)?.split(' ')[0] !== p) w.phases.push(`${p} ${Math.round(performance.now() - t)}`);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  const { writeFileSync } = await import('node:fs');
  writeFileSync('/tmp/dur/e2e-big.json', big.text);
  await data.restoreButton.click();
  const ph = Date.now();
  await data.dialog.getByLabel('Backup file (.json)').setInputFiles('/tmp/dur/e2e-big.json');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  await data.confirmButton('Restore workspace').click({ timeout: 120_000 });
  console.log('preview ms', Date.now() - ph);
  const t1 = Date.now();
  await expect(data.dialog.getByRole('heading', { name: 'Workspace restored' })).toBeVisible({ timeout: 300_000 });
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync('/tmp/dur/main.cpuprofile', JSON.stringify(profile));
  console.log('restored ms', Date.now() - t1, await page.evaluate(() => (window as unknown as { phases: string[] }).phases.join(' | ')));
  await page.reload();
  const releases = new ReleasesPage(page);
  await releases.goto();
  await expect(releases.row(big.releaseName)).toBeVisible({ timeout: 30_000 });
});
