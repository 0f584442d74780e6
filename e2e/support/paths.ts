import { join } from 'node:path';

// Where the browser tests' server keeps its files: under test-results/ (git-ignored), away from the
// artifacts folder that Playwright empties at the start of every run.
const root = join(import.meta.dirname, '..', '..');

export const APP_DIST = join(root, 'app', 'dist-test');
export const E2E_SERVER_DIR = join(root, 'test-results', 'server');
/** The per-run copy of app/dist the server hosts (STATIC_DIR). */
export const E2E_STATIC_DIR = join(E2E_SERVER_DIR, 'app');
/** The server's SQLite directory (DATA_DIR), fresh for every run. */
export const E2E_DATA_DIR = join(E2E_SERVER_DIR, 'data');
