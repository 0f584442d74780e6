/**
 * The freeze worker (FZ-06): freezes a release from its stored updates off the relay's event loop.
 * Freezing the 50,000-done release takes seconds of CPU on a loaded machine; in the relay's own thread
 * that would stall every connection meanwhile. Bundled as dist/freeze-worker.js beside dist/main.js.
 */
import { parentPort } from 'node:worker_threads';
import type { ReleaseId } from '@runsheet/domain';
import { freezeStored } from './freeze-stored.ts';

export interface FreezeRequest {
  id: number;
  releaseId: ReleaseId;
  updates: Uint8Array[];
}

export type FreezeAnswer = { id: number; bytes: Uint8Array } | { id: number; error: string };

parentPort?.on('message', (request: FreezeRequest) => {
  let answer: FreezeAnswer;
  try {
    answer = { id: request.id, bytes: freezeStored(request.updates, request.releaseId) };
  } catch (error) {
    answer = {
      id: request.id,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
  parentPort?.postMessage(answer, 'bytes' in answer ? [answer.bytes.buffer as ArrayBuffer] : []);
});
