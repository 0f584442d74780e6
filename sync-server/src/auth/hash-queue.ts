import { AuthError } from './errors.ts';

/**
 * SE-06: password hashing (scrypt, tens of milliseconds of a core each) with a bound. At most `concurrency`
 * hashes run at once and at most `maxWaiting` wait; past that the request is refused at once with
 * `server-busy` (503, Retry-After) instead of waiting behind a flood of junk sign-ins, so a real sign-in
 * waits at most `maxWaiting / concurrency` hashes.
 */
export class HashQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) throw new AuthError('server-busy', RETRY_AFTER_MS);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      // The place passes to the next waiter as is (running stays counted), or is given back.
      const next = this.waiting.shift();
      if (next === undefined) this.running--;
      else next();
    }
  }
}

/** What a refused client is told to wait: a queue drains in well under this. */
const RETRY_AFTER_MS = 2_000;
