#!/usr/bin/env node
// The two commands of the README, for a machine that has only Node (20+) and npm:
//   npm start  -> install what is missing, build, start Runsheet (embedded SQLite under ./data)
//   npm test   -> install what is missing (a browser too), then lint (format, references, import graph),
//                 typecheck, build and run every test
// Plain Node on purpose: it must run before any dependency is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBrowser } from './browser.mjs';
import { EngineMissing, findNginx, startPostgres, startRedis } from './engines.mjs';
import { runFuzz } from './fuzz.mjs';
import { ensurePnpm } from './pnpm.mjs';
import { runTemporalTests } from './temporal.mjs';
import { createTestCounter, runTee } from './test-counts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2] ?? 'start';
// Every test the runners report, for the closing line (also printed when a stage fails).
const counter = createTestCounter();

/** Ends the run with the given status, closing on the plain count of the tests that ran. */
function finish(status) {
  if (mode === 'test') console.log(`\n${counter.line()}`);
  process.exit(status);
}

/** Run a command in the repository root, inheriting stdio; exit with its code when it fails. */
function step(title, cmd, args, env = {}) {
  const status = tryStep(title, cmd, args, env);
  if (status !== 0) finish(status);
}

/** A stage whose runner reports tests: its output streams through and its summary is counted. */
async function testStep(title, cmd, args, env = {}) {
  const started = Date.now();
  console.log(`\n▶ ${title}`);
  const status = await runTee(cmd, args, { cwd: root, env: { ...process.env, ...env } }, counter.scan);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (status !== 0) {
    console.error(`✖ ${title} failed after ${seconds}s (exit ${status})`);
    return status;
  }
  console.log(`✔ ${title} (${seconds}s)`);
  return 0;
}

/** Like `testStep`, but ends the run when the stage fails. */
async function mustTestStep(title, cmd, args, env = {}) {
  const status = await testStep(title, cmd, args, env);
  if (status !== 0) finish(status);
}

/** Like `step`, but returns the exit status (0 when it passed) instead of exiting. */
function tryStep(title, cmd, args, env = {}) {
  const started = Date.now();
  console.log(`\n▶ ${title}`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${title} failed after ${seconds}s (exit ${result.status ?? result.signal})`);
    return result.status || 1;
  }
  console.log(`✔ ${title} (${seconds}s)`);
  return 0;
}

function install(pnpm) {
  // better-sqlite3 compiles from source where no prebuilt binary fits; node-gyp then needs Node's
  // headers, which it would try to download unless a local copy is named.
  const env = {};
  if (!process.env.npm_config_nodedir && existsSync('/usr/include/node/node.h'))
    env.npm_config_nodedir = '/usr';
  const frozen = existsSync(join(root, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : [];
  step('Install dependencies', pnpm, ['install', ...frozen], env);
}

function build(pnpm) {
  step('Build the app', pnpm, ['--filter', '@runsheet/app', 'run', 'build']);
  step('Build the server', pnpm, ['--filter', '@runsheet/sync-server', 'run', 'build']);
}

/**
 * Starts PostgreSQL and Redis for the vitest stage; says LOUDLY what could not be had (the tests that need
 * it then skip with the reason, and the summary says NOT RUN).
 */
async function startTestEngines() {
  const env = {};
  const running = [];
  const missing = [];
  for (const [name, start, variable] of [
    ['PostgreSQL', () => startPostgres(), 'RUNSHEET_TEST_POSTGRES_URL'],
    ['Redis', () => startRedis(), 'RUNSHEET_TEST_REDIS_URL'],
  ]) {
    if (process.env[variable]) continue;
    try {
      const engine = await start();
      running.push(engine);
      env[variable] = engine.url;
      console.log(`  ${name} for the tests on ${engine.url}`);
    } catch (error) {
      if (!(error instanceof EngineMissing)) throw error;
      missing.push({ name, reason: error.message });
      console.warn(`\n!!! ${name} could not be started: ${error.message}`);
      console.warn(`!!! The ${name} tests will NOT RUN.\n`);
      env[variable.replace(/_URL$/, '_MISSING')] = error.message;
    }
  }
  // nginx is only found (or installed): the deploy test starts its own in front of two relays.
  try {
    findNginx();
  } catch (error) {
    if (!(error instanceof EngineMissing)) throw error;
    missing.push({ name: 'deploy/nginx routing', reason: error.message });
    console.warn(`\n!!! ${error.message}\n!!! The deploy/nginx routing test will NOT RUN.\n`);
  }
  return {
    env,
    missing,
    stop: () => Promise.all(running.map((engine) => engine.stop())),
  };
}

const pnpm = ensurePnpm(root);
install(pnpm);

if (mode === 'start') {
  build(pnpm);
  mkdirSync(process.env.DATA_DIR ?? join(root, 'data'), { recursive: true });
  console.log('\n▶ Starting Runsheet');
  const server = spawnSync(process.execPath, [join(root, 'sync-server/dist/main.js')], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PORT: process.env.PORT ?? '8080' },
  });
  process.exit(server.status ?? 0);
} else if (mode === 'dev') {
  step('Start the dev server', pnpm, ['--filter', '@runsheet/app', 'run', 'dev']);
} else if (mode === 'test') {
  step('Lint and format check (Biome)', pnpm, ['exec', 'biome', 'ci', '.']);
  // Every reference a clone can follow: no document outside the repository, no dead relative link.
  step('Self-contained references', process.execPath, [join(root, 'scripts/check-references.mjs')]);
  step('Import graph (dependency-cruiser)', pnpm, ['run', 'lint:imports']);
  step('Typecheck every package', pnpm, ['-r', '--workspace-concurrency=1', 'run', 'typecheck']);
  build(pnpm);
  step('Check the production build has no test API', process.execPath, [
    join(root, 'scripts/check-no-test-api.mjs'),
  ]);
  // Browser tests and benchmarks drive the app through window.__runsheet: a build of its own (SE-13).
  step('Build the app with the test API (browser tests)', pnpm, [
    '--filter',
    '@runsheet/app',
    'run',
    'build:test',
  ]);
  // Real PostgreSQL and Redis for the storage contract and the tests of several relays.
  const engines = await startTestEngines();
  const vitest = await testStep(
    'Unit and integration tests (vitest)',
    pnpm,
    ['-r', '--workspace-concurrency=1', 'run', 'test'],
    engines.env,
  );
  await engines.stop();
  if (vitest !== 0) finish(vitest);
  // Schemathesis against the served OpenAPI document of a real server: no 5xx, the document kept.
  const fuzz = await runFuzz(root);
  if (fuzz === 'failed') finish(1);
  const browser = ensureBrowser(root, pnpm);
  await mustTestStep('Browser tests (Playwright)', pnpm, ['exec', 'playwright', 'test'], browser.env);
  const temporal = await runTemporalTests(root, pnpm, mustTestStep, browser.env);
  // Never a green summary over a part that did not run.
  const notRun = [
    ...(temporal === 'not-run' ? ['Temporal bridge tests'] : []),
    ...(fuzz === 'not-run' ? ['API fuzzing (Schemathesis)'] : []),
    ...engines.missing.map((m) => `${m.name} tests (${m.reason})`),
  ];
  if (notRun.length > 0) {
    console.log(`\nEvery stage that ran passed. NOT RUN (see the warnings above): ${notRun.join('; ')}.`);
  } else {
    console.log('\nAll test stages passed (Temporal bridge, PostgreSQL, Redis and API fuzzing included).');
  }
  // The last line of the run: how many tests ran, in the plain form CI log readers look for.
  finish(0);
} else {
  console.error(`Unknown mode "${mode}". Use start, dev or test.`);
  process.exit(2);
}
