// Chooses the Chromium the browser tests run in: $CHROMIUM_PATH, then Debian's /usr/bin/chromium, then
// Playwright's own download. Where none is present it installs one: apt-get when we are root on a
// Debian-like machine (Playwright's download is blocked on some networks), else `playwright install`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

function playwrightHasOwnBrowser(root, pnpm) {
  const r = spawnSync(
    pnpm,
    [
      'exec',
      'node',
      '-e',
      "const {chromium}=require('@playwright/test');process.stdout.write(chromium.executablePath())",
    ],
    { cwd: root, encoding: 'utf8' },
  );
  return r.status === 0 && r.stdout && existsSync(r.stdout.trim());
}

export function ensureBrowser(root, pnpm) {
  const given = process.env.CHROMIUM_PATH;
  if (given) {
    if (!existsSync(given)) {
      console.error(`CHROMIUM_PATH is set to ${given}, which does not exist.`);
      process.exit(1);
    }
    return { env: { CHROMIUM_PATH: given } };
  }
  if (existsSync(DEBIAN_CHROMIUM)) return { env: { CHROMIUM_PATH: DEBIAN_CHROMIUM } };
  if (playwrightHasOwnBrowser(root, pnpm)) return { env: {} };

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('No Chromium found: installing Debian chromium with apt-get');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const r = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
    if (r.status === 0 && existsSync(DEBIAN_CHROMIUM)) return { env: { CHROMIUM_PATH: DEBIAN_CHROMIUM } };
  }
  console.log('No Chromium found: asking Playwright to download its own');
  const r = spawnSync(pnpm, ['exec', 'playwright', 'install', 'chromium'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(
      'No browser could be installed for the browser tests. Set CHROMIUM_PATH to a Chromium binary.',
    );
    process.exit(1);
  }
  return { env: {} };
}
