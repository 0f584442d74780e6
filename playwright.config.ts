import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { E2E_DATA_DIR, E2E_STATIC_DIR } from './e2e/support/paths';

// Browser tests run against the real server (sync-server/dist/main.js) serving the built app, exactly as
// users get it. `npm test` builds both first; to run alone: build, then `pnpm exec playwright test`.

const port = Number(process.env.E2E_PORT ?? 4317);
const baseURL = `http://127.0.0.1:${port}`;

/** $CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own download (undefined). */
function chromiumExecutable(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

// Tests tagged @temporal need a real Temporal dev server: scripts/temporal.mjs starts one and sets
// E2E_TEMPORAL_ADDRESS; without it they are left out of the run (and that stage reports NOT RUN).
const temporalAddress = process.env.E2E_TEMPORAL_ADDRESS;

export default defineConfig({
  testDir: 'e2e',
  ...(temporalAddress === undefined && { grepInvert: /@temporal/ }),
  outputDir: 'test-results/artifacts',
  // Two shared cores: one browser at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: process.env.CI ? 'line' : 'list',
  // Two-device tests take 10-30 s on a busy 2-core machine; a minute leaves room without hiding a hang.
  timeout: 60_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: chromiumExecutable(),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    // The app is served from a per-run copy of app/dist, so the update test can publish a "next version"
    // into it without touching the real build output.
    command: 'node e2e/support/stage-app.mjs && node sync-server/dist/main.js',
    url: `${baseURL}/healthz`,
    // Never reuse a server someone else started: it may serve another build.
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: E2E_DATA_DIR,
      STATIC_DIR: E2E_STATIC_DIR,
      ...(temporalAddress !== undefined && { TEMPORAL_ADDRESS: temporalAddress, TEMPORAL_POLL_MS: '500' }),
    },
  },
});
