import { randomBytes } from 'node:crypto';
import { EngineMissing, type RunningRedis, startRedis } from '../../../scripts/engines.mjs';

/**
 * A real Redis for a test file: the one the test command started (RUNSHEET_TEST_REDIS_URL), or one this
 * file starts (a targeted run, or `own`: a test that kills its Redis must not kill everyone else's), or,
 * where none can be had, the reason why (the tests then skip LOUDLY and the test command says NOT RUN).
 * Servers of different tests share one Redis under different REDIS_PREFIXes.
 */
export interface TestRedis {
  url: string;
  /** A fresh key prefix: one per group of relays that belong together. */
  prefix(): string;
  /** Only for `own`: SIGKILL and start again on the same port. */
  redis: RunningRedis | null;
  dispose(): Promise<void>;
}

export async function useRedis(options: { own?: boolean } = {}): Promise<TestRedis | { missing: string }> {
  const known = process.env.RUNSHEET_TEST_REDIS_MISSING;
  if (known) return { missing: known };
  let started: RunningRedis | null = null;
  let url = options.own ? undefined : process.env.RUNSHEET_TEST_REDIS_URL;
  if (!url) {
    try {
      started = await startRedis();
      url = started.url;
    } catch (error) {
      if (error instanceof EngineMissing) return { missing: error.message };
      throw error;
    }
  }
  return {
    url,
    prefix: () => `test-${randomBytes(6).toString('hex')}:`,
    redis: started,
    dispose: async () => {
      await started?.stop();
    },
  };
}
