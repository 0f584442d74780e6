/**
 * Jobs the relay runs off its event loop: in a worker thread (a bundled file beside dist/main.js, started
 * on first use and kept for the next job), or in-process when there is no such file (the TypeScript
 * sources under test). Either way the answer is `inProcess`'s, so tests of the sources prove the logic
 * and one test per worker proves the bundle. The worker side is `serveJobs`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parentPort, type ResourceLimits, Worker } from 'node:worker_threads';

/** How long a worker with nothing to do is kept for the next job. */
export const IDLE_STOP_MS = 2_000;

interface Envelope<T> {
  id: number;
  body: T;
}

type Answer<A> = { id: number; answer: A } | { id: number; error: string };

export class WorkerJobs<Job, A> {
  private worker: Worker | null = null;
  private next = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly pending = new Map<number, { resolve(answer: A): void; reject(e: Error): void }>();
  /** Whether jobs run in a worker thread (false: in the relay's own thread). */
  readonly threaded: boolean;

  /**
   * `resourceLimits`: the worker's heap; a job that needs more ends the worker, and that job (with every
   * other job it held) is rejected with an error whose `code` is `ERR_WORKER_OUT_OF_MEMORY`.
   */
  constructor(
    private readonly workerFile: URL | null,
    private readonly inProcess: (job: Job) => A,
    private readonly name: string,
    private readonly resourceLimits?: ResourceLimits,
  ) {
    this.threaded = workerFile !== null && existsSync(fileURLToPath(workerFile));
  }

  /** Whether a worker thread is up now (started by a job, stopped when idle). */
  get running(): boolean {
    return this.worker !== null;
  }

  run(job: Job): Promise<A> {
    if (!this.threaded) {
      try {
        return Promise.resolve(this.inProcess(job));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    const worker = this.started();
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const id = this.next++;
    // Held while a job is out (an awaited job must keep the process alive), let go when idle.
    worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, body: job } satisfies Envelope<Job>);
    });
  }

  private started(): Worker {
    if (this.worker !== null) return this.worker;
    const worker = new Worker(this.workerFile as URL, {
      ...(this.resourceLimits && { resourceLimits: this.resourceLimits }),
    });
    // An idle worker must not keep the process alive.
    worker.unref();
    worker.on('message', (message: Answer<A>) => {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if ('answer' in message) waiting?.resolve(message.answer);
      else waiting?.reject(new Error(message.error));
      if (this.pending.size === 0 && this.worker === worker) {
        worker.unref();
        this.stopWhenIdle(worker);
      }
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The ${this.name} worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private stopWhenIdle(worker: Worker): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.worker !== worker || this.pending.size > 0) return;
      this.worker = null;
      void worker.terminate();
    }, IDLE_STOP_MS);
    this.idleTimer.unref();
  }

  async close(): Promise<void> {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }
}

/**
 * The worker side: answers each job with `handle`'s answer (its buffers that `transfer` names moved, not
 * copied), or with the error it threw.
 */
export function serveJobs<Job, A>(handle: (job: Job) => A, transfer: (answer: A) => ArrayBuffer[]): void {
  parentPort?.on('message', ({ id, body }: Envelope<Job>) => {
    let message: Answer<A>;
    try {
      message = { id, answer: handle(body) };
    } catch (error) {
      message = { id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    parentPort?.postMessage(message, 'answer' in message ? transfer(message.answer) : []);
  });
}
