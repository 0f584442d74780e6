/**
 * The freeze worker (FZ-06): freezes a release from its stored updates off the relay's event loop.
 * Freezing the 50,000-done release takes seconds of CPU on a loaded machine; in the relay's own thread
 * that would stall every connection meanwhile. Bundled as dist/freeze-worker.js beside dist/main.js.
 */
import type { ReleaseId } from '@runsheet/domain';
import { serveJobs } from '../workers/worker-jobs.ts';
import { freezeStored } from './freeze-stored.ts';

export interface FreezeRequest {
  releaseId: ReleaseId;
  updates: Uint8Array[];
}

serveJobs(
  (request: FreezeRequest) => freezeStored(request.updates, request.releaseId),
  (bytes) => [bytes.buffer as ArrayBuffer],
);
