/** What the password hashing worker (hash-worker.ts) is asked, shared by both sides of it. */
import type { ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. Memory is 128 * N * r bytes. */
  N: number;
  r: number;
  /** Parallelism: node computes the p lanes one after another, so p multiplies time but not memory. */
  p: number;
}

export interface HashJob {
  /** NFC-normalised already. */
  password: string;
  salt: Uint8Array;
  keyLength: number;
  params: ScryptParams;
}

/**
 * The nice value of the hashing thread (Linux; 0 is the relay's, 19 the lowest priority). 10 weighs about
 * a tenth of the relay's thread when both want the same core, so a flood of sign-ins yields to sync,
 * while a sign-in on an idle core runs at full speed: nice only matters when a core is contended.
 */
export const HASH_THREAD_NICE = 10;

export function scryptOptions(params: ScryptParams): ScryptOptions {
  return { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r };
}
