// How every browser benchmark launches Chromium (Playwright's `chromium.launch` options): $CHROMIUM_PATH,
// else Debian's /usr/bin/chromium, else Playwright's own; headless, with the background work that would
// add noise to a measurement (sync, component updates, QUIC probing, first-run pages) turned off.
import { existsSync } from 'node:fs';

export function benchChromium(extraArgs = []) {
  return {
    executablePath:
      process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  };
}
