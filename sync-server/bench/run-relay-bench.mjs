#!/usr/bin/env node
// Relay benchmark runner: builds the server, bundles relay-load.bench.ts (it uses the domain and doc
// packages, which are TypeScript) with esbuild, and runs it. Prints JSON. A script, not a test.
//   node sync-server/bench/run-relay-bench.mjs            (BENCH_SECONDS=60 BENCH_CLIENTS=100 by default)
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildServer } from '../build.mjs';

const here = dirname(fileURLToPath(import.meta.url));
await buildServer();
const outfile = join(here, 'dist', 'relay-load.bench.mjs');
await build({
  entryPoints: [join(here, 'relay-load.bench.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // ws and y-websocket stay in node_modules; ws calls require(), which an ESM bundle lacks.
  external: ['ws', 'bufferutil', 'utf-8-validate'],
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
const result = spawnSync(process.execPath, ['--expose-gc', outfile], {
  stdio: 'inherit',
  cwd: join(here, '..'),
});
process.exit(result.status ?? 1);
