/**
 * The password hashing worker (SE-06c): scrypt in a thread of its own, at a lower CPU priority than the
 * relay. Bundled as dist/hash-worker.js beside dist/main.js (hash-threads.ts starts it).
 *
 * Why a thread of our own and not libuv's pool: a flood of junk sign-ins keeps one core busy with scrypt,
 * and on a small machine that core is also the one the relay's clients and the operating system need;
 * the honest devices' sync latency then rose to 2.9 times its quiet p99 (docs/BENCHMARKS.md, "Load and
 * abuse"). The pool's threads cannot be given a priority of their own; this thread can: on Linux the nice
 * value is per thread, and `setPriority(0, …)` changes only the calling thread. Elsewhere it would renice
 * the whole server, so it is left as it is there.
 */
import { scryptSync } from 'node:crypto';
import { setPriority } from 'node:os';
import { serveJobs } from '../workers/worker-jobs.ts';
import { HASH_THREAD_NICE, type HashJob, scryptOptions } from './hash-job.ts';

if (process.platform === 'linux') {
  try {
    setPriority(0, HASH_THREAD_NICE);
  } catch (error) {
    // Still hashes, at the relay's priority, as the pool did.
    console.warn('The password hashing thread keeps its priority:', error);
  }
}

serveJobs(
  (job: HashJob) =>
    new Uint8Array(scryptSync(job.password, job.salt, job.keyLength, scryptOptions(job.params))),
  () => [],
);
