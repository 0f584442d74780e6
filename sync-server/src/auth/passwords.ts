import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ScryptParams } from './hash-job.ts';
import { type Derive, deriveOnPool } from './hash-threads.ts';

export type { ScryptParams } from './hash-job.ts';

/**
 * OWASP's password storage guidance lists N=2^15, r=8, p=3 as equal in strength to N=2^17, r=8, p=1 while
 * needing 32 MiB instead of 128 MiB per hash: four concurrent sign-ins stay within 128 MiB on a small
 * server. About 0.3 s of one hashing thread here (hash-threads.ts); the event loop is not blocked.
 */
export const DEFAULT_SCRYPT_PARAMS: Readonly<ScryptParams> = Object.freeze({ N: 2 ** 15, r: 8, p: 3 });

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

/** `scrypt$N$r$p$salt$hash` (base64): the parameters travel with the hash, so they can be raised later. */
export async function hashPassword(
  password: string,
  params: ScryptParams = DEFAULT_SCRYPT_PARAMS,
  derive: Derive = deriveOnPool,
): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password.normalize('NFC'), salt, KEY_LENGTH, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

function parse(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | null {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || key === undefined) return null;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (![params.N, params.r, params.p].every((value) => Number.isSafeInteger(value) && value > 0)) return null;
  return { params, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
}

export async function verifyPassword(
  password: string,
  stored: string,
  derive: Derive = deriveOnPool,
): Promise<boolean> {
  const parsed = parse(stored);
  if (parsed === null) return false;
  const key = await derive(password.normalize('NFC'), parsed.salt, KEY_LENGTH, parsed.params);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

/** True when a hash was made with other parameters than today's: rehash it at the next sign-in. */
export function needsRehash(stored: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): boolean {
  const parsed = parse(stored);
  return (
    parsed === null ||
    parsed.params.N !== params.N ||
    parsed.params.r !== params.r ||
    parsed.params.p !== params.p
  );
}
