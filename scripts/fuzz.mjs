// The API fuzz stage: Schemathesis (PyPI `schemathesis`, in a local virtual environment .tools/st) against
// the OpenAPI document a real server serves (/api/openapi.json), with every check it has (`--checks all`):
// no 5xx, only documented status codes, answers that match their schemas, requests the document allows
// accepted and others refused, 405 with `Allow` for undeclared methods, and the authentication checks.
//
// The server is sync-server/fuzz/fuzz-server.ts: real SQLite, sign-in required, a seeded release. The
// fuzzer is given the ids of what exists (half of the time it names a real release, step, entity, user or
// token, else what it makes up), and runs three times:
//   1. signed in as a member (an API token), every operation but token revocation;
//   2. signed in as an admin, every operation but token revocation and account changes;
//   3. signed in as an admin, token revocation and account changes, aimed at the member and its token.
// Run together, the fuzzer revokes the very token it signs in with, or makes a second admin and disables
// the first, and every later request only tests 401. After each run its token must still sign in as the
// same role, or the stage fails: a run that lost its sign-in partway would have checked little.
//
// Where Python or the package cannot be had, it prints a LOUD warning and returns 'not-run'; the caller's
// summary says NOT RUN, never passed. Plain Node: it runs before anything is known about the machine.
//
//   node scripts/fuzz.mjs                 the stage as `npm test` runs it
//   FUZZ_EXAMPLES=100 FUZZ_SEED=7 node scripts/fuzz.mjs    more cases, another seed (both are printed)
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const SCHEMATHESIS_VERSION = '4.32.5';
/** Examples per operation and phase: enough to meet every status an operation has, in about a minute a run. */
const DEFAULT_EXAMPLES = 25;
/** A fixed seed: the stage tries the same cases every time (set FUZZ_SEED to explore others). */
const DEFAULT_SEED = 20_261_206;

function quiet(cmd, args, options = {}) {
  return spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

/**
 * Schemathesis closes each run on a banner shaped like pytest's last line ("==== 2 warnings in 14.3s ====",
 * "==== No issues found in 0.9s ===="). A CI log reader that knows pytest takes such a line for a test
 * run that executed no test, so the banner is reworded (its words kept) before it reaches the log.
 */
const PYTEST_SHAPED_CLOSE = /^=+ (.+) in ([\d.]+s) =+$/;
export function rewordClosingBanner(line) {
  const close = PYTEST_SHAPED_CLOSE.exec(line.trimEnd());
  return close ? `  Schemathesis run ended: ${close[1]} (${close[2]})` : line;
}

/** Runs a command, passing each line of its output through `rewordClosingBanner`; resolves to its status. */
function runReworded(cmd, args, options) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const pass = (stream, out) =>
      createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) =>
        out.write(`${rewordClosingBanner(line)}\n`),
      );
    pass(child.stdout, process.stdout);
    pass(child.stderr, process.stderr);
    child.on('error', (error) => {
      console.error(String(error));
      resolve(1);
    });
    child.on('close', (status, signal) => resolve(signal ? 1 : (status ?? 1)));
  });
}

function works(path) {
  return path && quiet(path, ['--version']).status === 0 ? path : null;
}

/** The `schemathesis` command of .tools/st, installed there first when missing; null when it cannot be. */
export function findSchemathesis(root) {
  const venv = join(root, '.tools', 'st');
  const bin = join(venv, 'bin', 'schemathesis');
  const have = works(bin);
  if (have && quiet(bin, ['--version']).stdout.includes(SCHEMATHESIS_VERSION)) return have;
  const python = ['python3', 'python'].find((p) => quiet(p, ['--version']).status === 0);
  if (!python) {
    console.log('  no python3 on this machine');
    return null;
  }
  console.log(`  getting Schemathesis: pip install schemathesis==${SCHEMATHESIS_VERSION} into .tools/st`);
  mkdirSync(join(root, '.tools'), { recursive: true });
  const made = quiet(python, ['-m', 'venv', venv]);
  if (made.status !== 0) {
    console.log(`  python3 -m venv failed: ${(made.stderr || '').trim().split('\n').at(-1)}`);
    return null;
  }
  const pip = quiet(join(venv, 'bin', 'pip'), [
    'install',
    '--quiet',
    `schemathesis==${SCHEMATHESIS_VERSION}`,
  ]);
  if (pip.status !== 0) console.log(`  pip failed: ${(pip.stderr || '').trim().split('\n').at(-1)}`);
  return works(bin);
}

/** Starts the fuzz server; resolves with its first line (url, tokens) and a way to stop it. */
function startFuzzServer(root) {
  const child = spawn(process.execPath, [join(root, 'sync-server', 'fuzz', 'start.mjs')], {
    cwd: join(root, 'sync-server'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let last = null;
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the fuzz server did not start in 120 s')), 120_000);
    lines.on('line', (line) => {
      last = line;
      if (!line.startsWith('{"url"')) return;
      clearTimeout(timer);
      resolve(JSON.parse(line));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the fuzz server exited (${code}) before it served`));
    });
  });
  return {
    ready,
    /** Stops it; resolves with how many errors the server logged (null if it never said). */
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      const summary = last?.startsWith('{"serverErrors"') ? JSON.parse(last) : null;
      return summary?.serverErrors ?? null;
    },
  };
}

/** The role the token signs in as now, or null when it no longer signs in. */
async function roleOf(url, token) {
  const res = await fetch(`${url}/api/session`, { headers: { Authorization: `Bearer ${token}` } });
  if (res.status !== 200) return null;
  const body = await res.json();
  return body?.user?.role ?? null;
}

const toml = (value) => JSON.stringify(value);

/**
 * schemathesis.toml: the ids that exist, as dictionaries the fuzzer draws from half of the time, bound to
 * the parameters that name them (per operation where one name means different things: `id`).
 */
function configText(ids, { seed }) {
  const dictionaries = {
    releases: ids.releases,
    steps: ids.steps,
    entities: ids.entities,
    users: [ids.users.member],
    tokens: [ids.tokens.member],
  };
  const bind = (dictionary) => `{ dictionary = ${toml(dictionary)}, probability = 0.5 }`;
  const lines = [`seed = ${seed}`, ''];
  for (const [name, values] of Object.entries(dictionaries))
    lines.push(`[dictionaries.${name}]`, `values = [${values.map(toml).join(', ')}]`, '');
  lines.push(
    '[parameters]',
    `"path.releaseId" = ${bind('releases')}`,
    `"path.stepId" = ${bind('steps')}`,
    '',
  );
  for (const [operation, dictionary] of [
    ['getEntity', 'entities'],
    ['updateUser', 'users'],
    ['setUserPassword', 'users'],
    ['revokeToken', 'tokens'],
  ]) {
    lines.push('[[operations]]', `include-operation-id = ${toml(operation)}`);
    lines.push(`parameters = { "path.id" = ${bind(dictionary)} }`, '');
  }
  return lines.join('\n');
}

/**
 * Runs the fuzz stage. Returns 'passed', 'failed' or 'not-run' (said LOUDLY). `env` may carry FUZZ_EXAMPLES
 * and FUZZ_SEED.
 */
export async function runFuzz(root, env = process.env) {
  const started = Date.now();
  console.log('\n▶ API fuzzing (Schemathesis against /api/openapi.json)');
  const schemathesis = findSchemathesis(root);
  if (!schemathesis) {
    console.warn(`\n!!! Schemathesis ${SCHEMATHESIS_VERSION} could not be installed (see above).`);
    console.warn('!!! The API fuzz stage will NOT RUN.\n');
    return 'not-run';
  }
  const examples = Number(env.FUZZ_EXAMPLES ?? DEFAULT_EXAMPLES);
  const seed = Number(env.FUZZ_SEED ?? DEFAULT_SEED);
  const server = startFuzzServer(root);
  const scratch = mkdtempSync(join(tmpdir(), 'runsheet-fuzz-'));
  const failed = [];
  try {
    const { url, tokens, ids } = await server.ready;
    console.log(`  server on ${url}; ${examples} examples per operation, seed ${seed}`);
    const config = join(scratch, 'schemathesis.toml');
    writeFileSync(config, configText(ids, { seed }));
    const accountChanges = ['revokeToken', 'updateUser'];
    const runs = [
      {
        name: 'as a member',
        token: tokens.member,
        role: 'member',
        filter: ['--exclude-operation-id', 'revokeToken'],
      },
      {
        name: 'as an admin',
        token: tokens.admin,
        role: 'admin',
        filter: accountChanges.flatMap((id) => ['--exclude-operation-id', id]),
      },
      {
        name: 'token revocation and account changes, as an admin',
        token: tokens.admin,
        role: 'admin',
        filter: accountChanges.flatMap((id) => ['--include-operation-id', id]),
      },
    ];
    for (const run of runs) {
      console.log(`\n  ── ${run.name}`);
      const status = await runReworded(
        schemathesis,
        [
          '--config-file',
          config,
          'run',
          `${url}/api/openapi.json`,
          '--header',
          `Authorization: Bearer ${run.token}`,
          '--checks',
          'all',
          '--max-examples',
          String(examples),
          // Examples found are not kept between runs (it would write .hypothesis/ into the tree).
          '--generation-database',
          'none',
          '--no-color',
          ...run.filter,
        ],
        { cwd: scratch },
      );
      if (status !== 0) failed.push(`${run.name}: Schemathesis found failures (exit ${status})`);
      const role = await roleOf(url, run.token);
      if (role !== run.role)
        failed.push(`${run.name}: its token now signs in as ${role ?? 'nobody'}, so the run checked little`);
    }
  } catch (error) {
    failed.push(String(error?.message ?? error));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    const serverErrors = await server.stop();
    if (serverErrors === null) failed.push('the fuzz server did not report its errors');
    else if (serverErrors > 0) failed.push(`the server logged ${serverErrors} error(s) (above)`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (failed.length > 0) {
    console.error(`✖ API fuzzing failed after ${seconds}s:\n  - ${failed.join('\n  - ')}`);
    return 'failed';
  }
  console.log(`✔ API fuzzing (${seconds}s)`);
  return 'passed';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outcome = await runFuzz(join(dirname(fileURLToPath(import.meta.url)), '..'));
  process.exit(outcome === 'passed' ? 0 : outcome === 'not-run' ? 2 : 1);
}
