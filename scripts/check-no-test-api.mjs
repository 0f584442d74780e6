// SE-13: the app that `npm start` serves (app/dist) must not hold the test API (`window.__runsheet`, only in
// builds made with VITE_RUNSHEET_TEST_API=1 into app/dist-test). Run after `pnpm --filter @runsheet/app build`;
// exits 1, naming the files, when the string is found, and when there is no build to look at.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'app', 'dist');
/** The global's name, and the origin its second device writes under. */
const MARKERS = ['__runsheet', 'test-api-other-device'];

function files(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

if (!existsSync(join(dist, 'index.html'))) {
  console.error('app/dist is missing: build the app first (pnpm --filter @runsheet/app build).');
  process.exit(1);
}
const found = files(dist)
  .filter((file) => /\.(js|mjs|html)$/.test(file))
  .filter((file) => {
    const text = readFileSync(file, 'utf8');
    return MARKERS.some((marker) => text.includes(marker));
  });
if (found.length > 0) {
  console.error(`The production build holds the test API: ${found.map((f) => relative(root, f)).join(', ')}`);
  process.exit(1);
}
const scanned = files(dist).filter((file) => /\.(js|mjs|html)$/.test(file)).length;
console.log(`app/dist: no test API in ${scanned} scripts and pages`);
