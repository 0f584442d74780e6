#!/usr/bin/env node
// Runs one TypeScript file of this package (a benchmark, a fixture generator) under plain Node: Node 20
// runs no TypeScript, so the file is bundled with esbuild into a temporary .mjs next to it and run.
//   node packages/doc/scripts/run-ts.mjs <file.ts> [args...]
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';

const entry = process.argv[2];
if (!entry) {
  console.error('usage: node run-ts.mjs <file.ts> [args...]');
  process.exit(2);
}
const source = resolve(entry);
// Next to the source, so imports resolve from the same node_modules as the file's own package.
const outfile = join(dirname(source), `.${basename(source, '.ts')}.${process.pid}.mjs`);
try {
  await build({
    entryPoints: [source],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  const result = spawnSync(process.execPath, ['--expose-gc', outfile, ...process.argv.slice(3)], {
    stdio: 'inherit',
  });
  process.exitCode = result.status ?? 1;
} finally {
  rmSync(outfile, { force: true });
}
