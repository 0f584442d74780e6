// Runs right before the test server starts (playwright.config.ts, webServer.command): copies the built
// app into STATIC_DIR and gives the server an empty DATA_DIR. The copy lets the update test publish a
// changed version without touching app/dist. Plain Node: no TypeScript loader at this point.
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// The build with the test API (SE-13): `pnpm --filter @runsheet/app run build:test`.
const dist = join(root, 'app', 'dist-test');
const staticDir = resolve(root, process.env.STATIC_DIR ?? 'test-results/server/app');
const dataDir = resolve(root, process.env.DATA_DIR ?? 'test-results/server/data');

if (!existsSync(join(dist, 'index.html')) || !existsSync(join(dist, 'sw.js'))) {
  console.error(
    'app/dist-test is missing or incomplete: run `pnpm --filter @runsheet/app run build:test` first.',
  );
  process.exit(1);
}
if (!existsSync(join(root, 'sync-server', 'dist', 'main.js'))) {
  console.error(
    'sync-server/dist/main.js is missing: run `pnpm --filter @runsheet/sync-server build` first.',
  );
  process.exit(1);
}

rmSync(staticDir, { recursive: true, force: true });
rmSync(dataDir, { recursive: true, force: true });
cpSync(dist, staticDir, { recursive: true });
mkdirSync(dataDir, { recursive: true });
