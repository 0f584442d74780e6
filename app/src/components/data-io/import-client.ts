/**
 * The page's side of the import worker: one request at a time, each answered by one reply (progress
 * messages go to `onProgress` meanwhile). A worker that dies (out of memory, a bug) rejects the
 * request it was working on instead of leaving the dialog waiting.
 */
import type { DocSnapshot, ImportProgress } from './import-pipeline.ts';
import type { FromWorker, ToWorker } from './import-protocol.ts';

type Reply<K extends FromWorker['type']> = Extract<FromWorker, { type: K }>;

export class ImportWorkerClient {
  private readonly worker: Worker;
  private waiting: {
    type: FromWorker['type'];
    resolve: (m: FromWorker) => void;
    reject: (e: Error) => void;
  } | null = null;

  constructor(private readonly onProgress: (progress: ImportProgress) => void) {
    this.worker = new Worker(new URL('./import.worker.ts', import.meta.url), {
      type: 'module',
      name: 'runsheet-import',
    });
    this.worker.onmessage = (event: MessageEvent<FromWorker>) => this.receive(event.data);
    this.worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.fail(new Error(event.message || 'The import stopped unexpectedly.'));
    };
    this.worker.onmessageerror = () =>
      this.fail(new Error('The import sent a message that could not be read.'));
  }

  read(blob: Blob, now: string): Promise<Reply<'read'>> {
    return this.request({ type: 'read', blob, now }, 'read');
  }

  plan(docs: DocSnapshot[]): Promise<Reply<'planned'>> {
    return this.request({ type: 'plan', docs }, 'planned', transferOf(docs));
  }

  build(docs: DocSnapshot[]): Promise<Reply<'built'>> {
    return this.request({ type: 'build', docs }, 'built', transferOf(docs));
  }

  /** Ends the worker and frees everything it held (the file, its documents). */
  terminate(): void {
    this.worker.terminate();
    this.fail(new Error('The import was cancelled.'));
  }

  private request<K extends FromWorker['type']>(
    message: ToWorker,
    type: K,
    transfer: Transferable[] = [],
  ): Promise<Reply<K>> {
    if (this.waiting) return Promise.reject(new Error('The import is busy.'));
    return new Promise<Reply<K>>((resolve, reject) => {
      this.waiting = { type, resolve: resolve as (m: FromWorker) => void, reject };
      this.worker.postMessage(message, transfer);
    });
  }

  private receive(message: FromWorker): void {
    if (message.type === 'progress') {
      this.onProgress(message.progress);
      return;
    }
    const waiting = this.waiting;
    if (!waiting) return;
    this.waiting = null;
    if (message.type === 'failed') waiting.reject(new Error(message.message));
    else if (message.type === waiting.type) waiting.resolve(message);
    else waiting.reject(new Error(`The import answered "${message.type}" to "${waiting.type}".`));
  }

  private fail(error: Error): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(error);
  }
}

/** The snapshots' buffers move to the worker instead of being copied. */
function transferOf(docs: DocSnapshot[]): Transferable[] {
  return [...new Set(docs.map((d) => d.update.buffer as ArrayBuffer))];
}
