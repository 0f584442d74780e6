// Runs a TypeScript benchmark of this folder: bundles it with esbuild (Node 20 runs no TypeScript) into
// dist/bench/ (inside the package, so native modules resolve from its node_modules) and runs it.
// Usage: node bench/run.mjs api-load [args...]
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const name = process.argv[2] ?? 'api-load';
const dir = new URL('../dist/bench/', import.meta.url).pathname;
mkdirSync(dir, { recursive: true });
const outfile = join(dir, `${name}.mjs`);
try {
  await build({
    entryPoints: [new URL(`./${name}.bench.ts`, import.meta.url).pathname],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3', '@temporalio/*'],
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  const result = spawnSync(process.execPath, [outfile, ...process.argv.slice(3)], { stdio: 'inherit' });
  process.exitCode = result.status ?? 1;
} finally {
  rmSync(outfile, { force: true });
}
