/**
 * SE-06c: password hashes are computed in threads of lower CPU priority than the relay (hash-worker.ts),
 * so a flood of sign-ins yields a contended core to sync. Proved on the bundle: the worker file and the
 * built server, reading each thread's nice value from /proc (Linux, where the nice value is per thread).
 */
import { scryptSync } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { HASH_THREAD_NICE } from '../src/auth/hash-job.ts';
import { HashThreads } from '../src/auth/hash-threads.ts';
import { hashPassword, verifyPassword } from '../src/auth/passwords.ts';
import { spawnServer } from './helpers/spawn-server.ts';
import { writeStaticFixture } from './helpers/static-fixture.ts';
import { makeTempDir } from './helpers/temp-dir.ts';

const WORKER = new URL('../dist/hash-worker.js', import.meta.url);
const FAST = { N: 2 ** 10, r: 8, p: 1 };

/** The nice value of each thread of a process, by thread id (field 19 of /proc/<pid>/task/<tid>/stat). */
function threadNices(pid: number | 'self'): Map<number, number> {
  const nices = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended meanwhile
    }
    // The command name may hold spaces and parentheses; the fields after its last ')' start at field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    nices.set(Number(tid), Number(fields[16]));
  }
  return nices;
}

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('SE-06c password hashing threads', () => {
  it('derive the same keys in the bundled worker as scrypt does, and hashes made there verify anywhere', async () => {
    const threads = new HashThreads(2, WORKER);
    cleanups.push(() => threads.close());
    expect(threads.threaded).toBe(true);
    const salt = Buffer.from('0123456789abcdef');
    const keys = await Promise.all(['a', 'b', 'pässwörd'].map((pw) => threads.derive(pw, salt, 32, FAST)));
    expect(keys.map((k) => k.toString('hex'))).toEqual(
      ['a', 'b', 'pässwörd'].map((pw) =>
        scryptSync(pw, salt, 32, { ...FAST, maxmem: 256 * FAST.N * FAST.r }).toString('hex'),
      ),
    );
    const stored = await hashPassword('correct horse', FAST, threads.derive);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('wrong horse', stored, threads.derive)).toBe(false);
  });

  it('without the worker file, hash on libuv pool (the sources under test)', async () => {
    const threads = new HashThreads(1, new URL('./no-such-worker.js', import.meta.url));
    expect(threads.threaded).toBe(false);
    const stored = await hashPassword('x', FAST, threads.derive);
    expect(await verifyPassword('x', stored, threads.derive)).toBe(true);
  });

  it.runIf(process.platform === 'linux')('run at a lower priority than the thread that asks', async () => {
    const before = threadNices('self');
    const threads = new HashThreads(1, WORKER);
    cleanups.push(() => threads.close());
    await threads.derive('x', Buffer.alloc(16), 32, FAST);
    const added = [...threadNices('self')].filter(([tid]) => !before.has(tid));
    expect(added.map(([, nice]) => nice)).toContain(HASH_THREAD_NICE);
    expect(threadNices('self').get(process.pid)).toBe(0);
  });

  it.runIf(process.platform === 'linux')(
    'the built server checks a sign-in in such a thread, its relay thread keeping its priority',
    async () => {
      const data = makeTempDir('data');
      const statics = makeTempDir('static');
      writeStaticFixture(statics.path);
      cleanups.push(data.remove, statics.remove);
      const server = await spawnServer({ DATA_DIR: data.path, STATIC_DIR: statics.path });
      cleanups.push(() => {
        server.child.kill('SIGKILL');
      });
      const pid = server.child.pid as number;
      expect([...threadNices(pid).values()]).not.toContain(HASH_THREAD_NICE);
      const answer = await fetch(`http://127.0.0.1:${server.port}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${server.port}` },
        body: JSON.stringify({ username: 'nobody', password: 'not a password' }),
      });
      expect(answer.status).toBe(401);
      const nices = threadNices(pid);
      expect([...nices.values()]).toContain(HASH_THREAD_NICE);
      expect(nices.get(pid)).toBe(0);
    },
  );
});
