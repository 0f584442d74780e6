// Bundles the server into `dist/main.js` (and its workers, `dist/freeze-worker.js`, `dist/large-update-worker.js` and `dist/hash-worker.js`). Native modules stay external: they are loaded from
// node_modules at run time.
import { build } from 'esbuild';

export async function buildServer({ outdir = new URL('./dist/', import.meta.url).pathname } = {}) {
  await build({
    // The freeze worker (src/frozen/freeze-worker.ts) is a file of its own: a worker thread loads it.
    entryPoints: {
      main: new URL('./src/main.ts', import.meta.url).pathname,
      'freeze-worker': new URL('./src/frozen/freeze-worker.ts', import.meta.url).pathname,
      // The large update worker (src/relay/large-update-worker.ts, SE-01d): the same.
      'large-update-worker': new URL('./src/relay/large-update-worker.ts', import.meta.url).pathname,
      // The password hashing worker (src/auth/hash-worker.ts, SE-06c): a thread of lower priority.
      'hash-worker': new URL('./src/auth/hash-worker.ts', import.meta.url).pathname,
    },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    // The Temporal client (gRPC, protobufs) loads from node_modules, and only when the bridge is on; so does
    // the PostgreSQL driver, only when DATABASE_URL is set.
    external: ['better-sqlite3', 'pg', 'pg-native', 'bufferutil', 'utf-8-validate', '@temporalio/*'],
    // The shebang makes it runnable as the package's `bin`. ws and other CommonJS dependencies call
    // require(); an ESM bundle has none unless we make one.
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __runsheetCreateRequire } from 'node:module';\nconst require = __runsheetCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildServer();
}
