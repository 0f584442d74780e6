/**
 * Where a relay freezes (FZ-06): in a worker thread (dist/freeze-worker.js, next to the bundled server),
 * started on first use and kept for the next; in-process when there is no worker file (the TypeScript
 * sources under test). Either way the bytes are `freezeStored`'s.
 */
import type { ReleaseId } from '@runsheet/domain';
import { WorkerJobs } from '../workers/worker-jobs.ts';
import { freezeStored } from './freeze-stored.ts';
import type { FreezeRequest } from './freeze-worker.ts';

/** The worker beside the running bundle (dist/main.js -> dist/freeze-worker.js). */
export const BUNDLED_WORKER = new URL('./freeze-worker.js', import.meta.url);

export class FreezeRunner {
  private readonly jobs: WorkerJobs<FreezeRequest, Uint8Array>;

  constructor(workerFile: URL | null = BUNDLED_WORKER) {
    this.jobs = new WorkerJobs(workerFile, (r) => freezeStored(r.updates, r.releaseId), 'freeze');
  }

  /** Whether freezing runs in a worker thread (false: in the relay's own thread). */
  get threaded(): boolean {
    return this.jobs.threaded;
  }

  freeze(updates: readonly Uint8Array[], releaseId: ReleaseId): Promise<Uint8Array> {
    return this.jobs.run({ releaseId, updates: [...updates] });
  }

  close(): Promise<void> {
    return this.jobs.close();
  }
}
