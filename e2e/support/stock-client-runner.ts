/**
 * Bundles sync-server/test/helpers/stock-client-cli.ts (it imports the TypeScript domain and doc packages)
 * with the esbuild the server builds with, and runs it as a Node program.
 */
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { E2E_SERVER_DIR } from './paths';

const root = join(import.meta.dirname, '..', '..');
const outfile = join(E2E_SERVER_DIR, 'stock-client.mjs');
let bundled: Promise<void> | null = null;

/** The part of esbuild's API used here (it is a dependency of sync-server, not of the browser tests). */
interface Esbuild {
  build(options: Record<string, unknown>): Promise<unknown>;
}

async function bundle(): Promise<void> {
  const esbuild = createRequire(join(root, 'sync-server', 'package.json'))('esbuild') as Esbuild;
  mkdirSync(E2E_SERVER_DIR, { recursive: true });
  await esbuild.build({
    entryPoints: [join(root, 'sync-server', 'test', 'helpers', 'stock-client-cli.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // ws is bundled too; its optional native helpers stay out (it loads them only if present).
    external: ['bufferutil', 'utf-8-validate'],
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
}

export interface StockClientOutput {
  'create-cluster': { clusterId: string };
  'try-create-cluster': { clusterId: string; refused: boolean };
  'wait-cluster': { clusterId: string };
  'has-cluster': { found: boolean };
}

/** Runs the stock client and returns what it printed (JSON). */
export async function runStockClient<C extends keyof StockClientOutput>(
  url: string,
  token: string,
  command: C,
  name: string,
): Promise<StockClientOutput[C]> {
  bundled ??= bundle();
  await bundled;
  const { stdout } = await promisify(execFile)(process.execPath, [outfile, url, token, command, name], {
    timeout: 20_000,
  });
  return JSON.parse(stdout) as StockClientOutput[C];
}
