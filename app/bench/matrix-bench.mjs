#!/usr/bin/env node
// Runs the release matrix benchmark (matrix.bench.ts): compiles it with TypeScript (type-stripping only;
// it imports nothing of the app, only the shared bench scripts) into app/bench/dist/matrix/ and runs it with Node. Prints JSON.
//   pnpm --filter @runsheet/app build && pnpm --filter @runsheet/sync-server build
//   node app/bench/matrix-bench.mjs              (CHROMIUM_PATH=... to use another browser)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const ts = createRequire(import.meta.url)('typescript');
const source = readFileSync(join(here, 'matrix.bench.ts'), 'utf8');
const { outputText } = ts.transpileModule(source, {
  compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  fileName: 'matrix.bench.ts',
});
const outDir = join(here, 'dist', 'matrix');
mkdirSync(outDir, { recursive: true });
const out = join(outDir, 'matrix.bench.mjs');
// The compiled script sits two folders deeper: point its `import.meta.dirname` and its imports of the
// repository's shared bench scripts back at where they are.
const scripts = pathToFileURL(join(here, '..', '..', 'scripts')).href;
writeFileSync(
  out,
  outputText
    .replaceAll('import.meta.dirname', JSON.stringify(here))
    .replaceAll("'../../scripts/", `'${scripts}/`),
);
await import(pathToFileURL(out).href);
