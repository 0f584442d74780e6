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

/**
 * The slices, applied in order, give what the update gives; or why the update is refused: it does not
 * parse or would make a sub-document (as `decodeClientMessage` would say), or `tooLarge`, its structure
 * needs more than the worker's heap (`heapMb`) to decode.
 */
export type SliceAnswer = { slices: Uint8Array[] } | { refused: string; tooLarge?: true };

/**
 * The worker's heap, in MB: bounds what one upload may make the relay hold while it is decoded. Measured
 * with this worker: a release of 1,000 customers x 50 steps all done (3.4 MB, 4,855 items) decodes within
 * 48 MB and not 32; 1.7 MB of 106,000 map keys within 64 and not 48. 256 leaves an honest release five
 * times that size room, and refuses junk of about 7 MB of map keys or more before it touches the room.
 */
export const LARGE_UPDATE_HEAP_MB = 256;

/**
 * The worker's young generation, in MB. Nearly everything a decode makes lives until the slices are
 * written (the structs), so a large nursery only adds to the relay's peak memory.
 */
export const LARGE_UPDATE_YOUNG_MB = 8;

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

/** How long the worker waits for another upload before it stops (see the constructor). */
export const LARGE_UPDATE_IDLE_STOP_MS = 0;

/** The worker beside the running bundle (dist/main.js -> dist/large-update-worker.js). */
export const BUNDLED_SLICE_WORKER = new URL('./large-update-worker.js', import.meta.url);

export class LargeUpdateSlicer {
  private readonly jobs: WorkerJobs<SliceJob, SliceAnswer>;
  /** The upload in the worker now, or the last one: the next waits for it (see `slice`). */
  private last: Promise<void> = Promise.resolve();

  constructor(workerFile: URL | null = BUNDLED_SLICE_WORKER, heapMb = LARGE_UPDATE_HEAP_MB) {
    // Stopped as soon as it has no job (not after IDLE_STOP_MS): its heap still holds the decoded upload
    // (about 60 MB for 106,000 map keys) while the room grows by applying the slices, and the two together
    // made the relay's peak. Uploads this large are rare; a new thread costs tens of ms.
    this.jobs = new WorkerJobs(
      workerFile,
      checkAndSlice,
      'large update',
      { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: LARGE_UPDATE_YOUNG_MB },
      LARGE_UPDATE_IDLE_STOP_MS,
    );
  }

  /** Whether slicing runs in a worker thread (false: in the relay's own thread). */
  get threaded(): boolean {
    return this.jobs.threaded;
  }

  /** Whether its worker thread is up now (it stops as soon as no upload is in it or waits for it). */
  get running(): boolean {
    return this.jobs.running;
  }

  /**
   * One upload at a time in the worker: an upload that runs it out of memory ends it, and must take down
   * its own job only, never another device's waiting behind it. Uploads this large are rare.
   */
  slice(update: Uint8Array, maxLength = LARGE_UPDATE_SLICE_LENGTH): Promise<SliceAnswer> {
    const mine = this.last.then(() => this.sliceNow(update, maxLength));
    this.last = mine.then(
      () => undefined,
      () => undefined,
    );
    return mine;
  }

  private async sliceNow(update: Uint8Array, maxLength: number): Promise<SliceAnswer> {
    try {
      return await this.jobs.run({ update, maxLength });
    } catch (error) {
      if ((error as { code?: string }).code !== 'ERR_WORKER_OUT_OF_MEMORY') throw error;
      return { refused: 'the update needs more memory to decode than the relay allows', tooLarge: true };
    }
  }

  close(): Promise<void> {
    return this.jobs.close();
  }
}
