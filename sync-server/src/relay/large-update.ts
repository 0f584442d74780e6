/**
 * SE-01d: a large first sync step 2 (a device uploading a whole document the relay lacks, or a member's
 * junk of 100,000 map keys) is checked and cut into slices in a worker thread, and the room applies one
 * slice per turn of the event loop. Applied whole in the relay's thread, 1.7 MB of 106,000 keys held it
 * 230 to 300 ms on this 2-core machine, with its decode 90 to 120 ms more, and every other connection
 * waited; a slice of 2,000 units takes 3 to 10 ms.
 */
import { sliceDecoded } from '@runsheet/doc';
import { WorkerJobs } from '../workers/worker-jobs.ts';
import { checkUpdate, MalformedMessageError } from './protocol.ts';

/** Units of content (entries, characters, map keys) in one slice (`sliceUpdate`). */
export const LARGE_UPDATE_SLICE_LENGTH = 2_000;

export interface SliceJob {
  update: Uint8Array;
  maxLength: number;
}

/** The slices, applied in order, give what the update gives; or why the update is refused (as `decodeClientMessage` would). */
export type SliceAnswer = { slices: Uint8Array[] } | { refused: string };

export function checkAndSlice({ update, maxLength }: SliceJob): SliceAnswer {
  let decoded: ReturnType<typeof checkUpdate>;
  try {
    decoded = checkUpdate(update);
  } catch (error) {
    if (error instanceof MalformedMessageError) return { refused: error.message };
    throw error;
  }
  // Sliced from what the check decoded: the worker's heap holds the update's structs once, not twice.
  return { slices: sliceDecoded(decoded, maxLength) };
}

/** The worker beside the running bundle (dist/main.js -> dist/large-update-worker.js). */
export const BUNDLED_SLICE_WORKER = new URL('./large-update-worker.js', import.meta.url);

export class LargeUpdateSlicer {
  private readonly jobs: WorkerJobs<SliceJob, SliceAnswer>;

  constructor(workerFile: URL | null = BUNDLED_SLICE_WORKER) {
    this.jobs = new WorkerJobs(workerFile, checkAndSlice, 'large update');
  }

  /** Whether slicing runs in a worker thread (false: in the relay's own thread). */
  get threaded(): boolean {
    return this.jobs.threaded;
  }

  /** Whether its worker thread is up now (it stops when idle: `IDLE_STOP_MS`). */
  get running(): boolean {
    return this.jobs.running;
  }

  slice(update: Uint8Array, maxLength = LARGE_UPDATE_SLICE_LENGTH): Promise<SliceAnswer> {
    return this.jobs.run({ update, maxLength });
  }

  close(): Promise<void> {
    return this.jobs.close();
  }
}
