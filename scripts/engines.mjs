// Real PostgreSQL and Redis for the tests and benchmarks of several relays: found (or installed with
// apt-get when we are root and they are missing, like the browser), started on free loopback ports in a
// temporary directory, stopped after. Plain Node: the test command loads it before anything else.
//
//   const pg = await startPostgres();   // { url, adminUrl, port, stop() } or throws EngineMissing
//   const redis = await startRedis();   // { url, port, kill(), restart(), stop() } or throws EngineMissing
//
// PostgreSQL refuses to run as root, so initdb and postgres run as the `postgres` user (runuser) when we
// are root. The role the server connects as (`runsheet`) is NOT a superuser: the database's rules (the
// audit's append-only triggers and revoked rights) apply to it as they would in production.
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class EngineMissing extends Error {
  name = 'EngineMissing';
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function quiet(cmd, args, options = {}) {
  return spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

/** A free TCP port on 127.0.0.1 (closed again before it is used: good enough on a test machine). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const triedApt = new Set();
/** Installs Debian packages when we are root on a Debian-like machine; says what it does. */
function aptInstall(packages) {
  const key = packages.join(' ');
  if (triedApt.has(key) || !isRoot() || !existsSync('/usr/bin/apt-get')) return false;
  triedApt.add(key);
  console.log(`Installing ${key} with apt-get (needed by the tests of several relays)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  return spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env }).status === 0;
}

/** The bin directory of the newest PostgreSQL on the machine ($PG_BIN first). */
function postgresBin() {
  const given = process.env.PG_BIN;
  if (given) return existsSync(join(given, 'postgres')) ? given : null;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(root, versions[0], 'bin') : null;
}

export function findPostgres() {
  let bin = postgresBin();
  if (bin === null && aptInstall(['postgresql'])) bin = postgresBin();
  if (bin === null)
    throw new EngineMissing(
      'PostgreSQL is not installed (Debian package postgresql) and could not be installed',
    );
  return bin;
}

export function findRedis() {
  const works = (path) => path && quiet(path, ['--version']).status === 0;
  const candidates = [process.env.REDIS_SERVER, 'redis-server', '/usr/bin/redis-server'];
  let found = candidates.find(works);
  if (!found && aptInstall(['redis-server'])) found = candidates.find(works);
  if (!found)
    throw new EngineMissing(
      'Redis is not installed (Debian package redis-server) and could not be installed',
    );
  return found;
}

/** nginx for the test of deploy/nginx (routing rooms by a consistent hash across two relays). */
export function findNginx() {
  const candidates = ['/usr/sbin/nginx', '/usr/bin/nginx'];
  let found = candidates.find(existsSync);
  if (!found && aptInstall(['nginx-light'])) found = candidates.find(existsSync);
  if (!found && aptInstall(['nginx'])) found = candidates.find(existsSync);
  if (!found)
    throw new EngineMissing('nginx is not installed (Debian package nginx-light) and could not be installed');
  return found;
}

/** Runs a command as the postgres user when we are root (PostgreSQL will not run as root). */
function asPostgres(cmd, args) {
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

function waitFor(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = async () => {
      if (await check()) return resolve();
      if (Date.now() > deadline) return reject(new Error(`${what} did not start within ${timeoutMs} ms`));
      setTimeout(attempt, 50);
    };
    attempt();
  });
}

/**
 * Starts a throw-away PostgreSQL cluster. `durable: false` (tests) turns fsync off: nothing here survives
 * a crash of the machine anyway, and the tests kill relays, never PostgreSQL. Benchmarks keep it on.
 * `settings`: more `name=value` server settings (benchmarks compare `synchronous_commit=off`).
 */
export async function startPostgres({ durable = false, settings: extra = [], log = () => {} } = {}) {
  const bin = findPostgres();
  const dir = mkdtempSync(join(tmpdir(), 'runsheet-pg-'));
  const data = join(dir, 'data');
  if (isRoot())
    chownSync(
      dir,
      Number(quiet('id', ['-u', 'postgres']).stdout.trim()),
      Number(quiet('id', ['-g', 'postgres']).stdout.trim()),
    );
  const [initCmd, initArgs] = asPostgres(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '--encoding=UTF8',
    '--no-sync',
  ]);
  const init = quiet(initCmd, initArgs);
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new EngineMissing(`initdb failed: ${(init.stderr || init.stdout).trim().split('\n').at(-1)}`);
  }
  const port = await freePort();
  const settings = [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'max_connections=200',
    '-c',
    'shared_buffers=64MB',
    ...(durable ? [] : ['-c', 'fsync=off', '-c', 'full_page_writes=off']),
    ...extra.flatMap((setting) => ['-c', setting]),
  ];
  const [cmd, args] = asPostgres(join(bin, 'postgres'), settings);
  const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: false });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
    log(String(chunk));
  });
  const psql = (sql, db = 'postgres') =>
    quiet(join(bin, 'psql'), [
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      '-U',
      'postgres',
      '-d',
      db,
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      sql,
    ]);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // SIGINT: "fast shutdown" (disconnects clients, no waiting for them), sent to the postmaster itself
      // (its pid is the first line of postmaster.pid): runuser, in between when we are root, does not pass
      // SIGINT on.
      try {
        process.kill(Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]), 'SIGINT');
      } catch {
        child.kill('SIGINT');
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      () =>
        child.exitCode === null &&
        quiet(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q']).status === 0,
      30_000,
      'PostgreSQL',
    );
  } catch (error) {
    await stop();
    throw new EngineMissing(`${error.message}: ${stderr.trim().split('\n').at(-1) ?? ''}`);
  }
  const made = [
    psql("CREATE ROLE runsheet LOGIN CREATEDB PASSWORD 'runsheet'"),
    psql('CREATE DATABASE runsheet OWNER runsheet'),
  ].find((r) => r.status !== 0);
  if (made !== undefined) {
    await stop();
    throw new EngineMissing(`could not create the runsheet role: ${made.stderr.trim()}`);
  }
  return {
    port,
    /** The server's role (not a superuser), on its own database. */
    url: `postgres://runsheet:runsheet@127.0.0.1:${port}/runsheet`,
    /** The superuser (tests only: to look at what the server role cannot). */
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    child,
    stop,
  };
}

/** True when a Redis on `port` answers PING. */
function redisPing(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk;
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
  });
}

/**
 * Starts a throw-away Redis. No persistence: Redis is only the fast path here, PostgreSQL holds
 * everything. `kill()` SIGKILLs it and `restart()` starts it again on the same port (the tests of a Redis
 * that dies).
 */
export async function startRedis({ port: wanted, log = () => {} } = {}) {
  const bin = findRedis();
  const dir = mkdtempSync(join(tmpdir(), 'runsheet-redis-'));
  const port = wanted ?? (await freePort());
  let child = null;
  const launch = async () => {
    child = spawn(
      bin,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'no',
        '--protected-mode',
        'yes',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout.on('data', (chunk) => log(String(chunk)));
    child.stderr.on('data', (chunk) => log(String(chunk)));
    const started = child;
    await waitFor(async () => started.exitCode === null && (await redisPing(port)), 10_000, 'Redis');
  };
  const halt = async (signal) => {
    const running = child;
    if (running === null || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(signal);
    await exited;
  };
  try {
    await launch();
  } catch (error) {
    await halt('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw new EngineMissing(error.message);
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    get pid() {
      return child?.pid;
    },
    kill: () => halt('SIGKILL'),
    restart: launch,
    async stop() {
      await halt('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
