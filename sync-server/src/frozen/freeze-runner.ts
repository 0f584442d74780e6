/**
 * Where a relay freezes (FZ-06): in a worker thread (dist/freeze-worker.js, next to the bundled server),
 * started on first use and kept for the next; in-process when there is no worker file (the TypeScript
 * sources under test). Either way the bytes are `freezeStored`'s.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ReleaseId } from '@runsheet/domain';
import { freezeStored } from './freeze-stored.ts';
import type { FreezeAnswer, FreezeRequest } from './freeze-worker.ts';

/** The worker beside the running bundle (dist/main.js -> dist/freeze-worker.js). */
export const BUNDLED_WORKER = new URL('./freeze-worker.js', import.meta.url);

export class FreezeRunner {
  private worker: Worker | null = null;
  private next = 1;
  private readonly pending = new Map<number, { resolve(bytes: Uint8Array): void; reject(e: Error): void }>();
  /** Whether freezing runs in a worker thread (false: in the relay's own thread). */
  readonly threaded: boolean;

  constructor(private readonly workerFile: URL | null = BUNDLED_WORKER) {
    this.threaded = workerFile !== null && existsSync(fileURLToPath(workerFile));
  }

  freeze(updates: readonly Uint8Array[], releaseId: ReleaseId): Promise<Uint8Array> {
    if (!this.threaded) {
      try {
        return Promise.resolve(freezeStored(updates, releaseId));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    const worker = this.started();
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, releaseId, updates: [...updates] } satisfies FreezeRequest);
    });
  }

  private started(): Worker {
    if (this.worker !== null) return this.worker;
    const worker = new Worker(this.workerFile as URL);
    // An idle worker must not keep the process alive.
    worker.unref();
    worker.on('message', (answer: FreezeAnswer) => {
      const waiting = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      if ('bytes' in answer) waiting?.resolve(answer.bytes);
      else waiting?.reject(new Error(answer.error));
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The freeze worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }
}
