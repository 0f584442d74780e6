/**
 * Where password hashes are computed (SE-06c): in worker threads of low CPU priority (hash-worker.ts,
 * bundled as dist/hash-worker.js), one per hash the queue lets run at once; in-process on libuv's pool
 * when there is no worker file (the TypeScript sources under test). Either way the key is scrypt's.
 */
import { scrypt } from 'node:crypto';
import { WorkerJobs } from '../workers/worker-jobs.ts';
import { type HashJob, type ScryptParams, scryptOptions } from './hash-job.ts';

/** The worker beside the running bundle (dist/main.js -> dist/hash-worker.js). */
export const BUNDLED_HASH_WORKER = new URL('./hash-worker.js', import.meta.url);

/**
 * How long an idle hashing thread is kept: starting one costs tens of milliseconds, and sign-ins come in
 * bursts (a team starting its day); an idle worker holds no core and does not keep the process alive.
 */
const HASH_IDLE_STOP_MS = 60_000;

export type Derive = (
  password: string,
  salt: Uint8Array,
  keyLength: number,
  params: ScryptParams,
) => Promise<Buffer>;

/** scrypt on libuv's thread pool, at the relay's priority. */
export const deriveOnPool: Derive = (password, salt, keyLength, params) =>
  new Promise((resolve, reject) => {
    scrypt(password, salt, keyLength, scryptOptions(params), (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });

export class HashThreads {
  private readonly threads: Array<{ jobs: WorkerJobs<HashJob, Uint8Array>; out: number }>;

  /** `size`: hashes at once (the hashing queue's concurrency); each gets a thread of its own. */
  constructor(size: number, workerFile: URL | null = BUNDLED_HASH_WORKER) {
    this.threads = Array.from({ length: Math.max(1, size) }, () => ({
      jobs: new WorkerJobs<HashJob, Uint8Array>(
        workerFile,
        () => {
          throw new Error('hashing runs on the pool without a worker file');
        },
        'password hashing',
        undefined,
        HASH_IDLE_STOP_MS,
      ),
      out: 0,
    }));
  }

  /** Whether hashes run in worker threads (false: on libuv's pool). */
  get threaded(): boolean {
    return this.threads[0]?.jobs.threaded ?? false;
  }

  readonly derive: Derive = async (password, salt, keyLength, params) => {
    if (!this.threaded) return deriveOnPool(password, salt, keyLength, params);
    // The least busy thread: with the queue's bound, one that is idle.
    const thread = this.threads.reduce((best, t) => (t.out < best.out ? t : best));
    thread.out++;
    try {
      const key = await thread.jobs.run({ password, salt, keyLength, params });
      return Buffer.from(key.buffer, key.byteOffset, key.byteLength);
    } finally {
      thread.out--;
    }
  };

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.jobs.close()));
  }
}
