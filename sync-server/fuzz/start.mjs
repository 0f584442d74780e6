// Bundles fuzz-server.ts with esbuild (Node 20 runs no TypeScript) into dist/fuzz/, inside the package so
// native modules resolve from its node_modules, and runs it in this process. scripts/fuzz.mjs starts it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const dir = new URL('../dist/fuzz/', import.meta.url).pathname;
mkdirSync(dir, { recursive: true });
const outfile = join(dir, 'fuzz-server.mjs');
await build({
  entryPoints: [new URL('./fuzz-server.ts', import.meta.url).pathname],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3', 'pg', '@temporalio/*'],
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
await import(pathToFileURL(outfile).href);
