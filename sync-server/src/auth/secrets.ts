import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url: the secret of a session cookie. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** API token secrets carry a prefix, so secret scanners and people can tell what leaked. */
export const API_TOKEN_PREFIX = 'rst_';

export function newApiTokenSecret(): string {
  return `${API_TOKEN_PREFIX}${newSecret()}`;
}

/**
 * Secrets are stored as their SHA-256 only. A fast hash is right here (unlike passwords): the input is 256
 * random bits, so there is nothing to brute-force, and lookups stay one indexed query.
 */
export function sha256(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/** Ids in the `type:random` form the rest of Runsheet uses. */
export function newId(type: 'user' | 'token'): string {
  return `${type}:${randomBytes(12).toString('base64url')}`;
}

/** Compares two strings without leaking where they differ; unequal lengths compare as a hash to hide length. */
export function safeEqualStrings(a: string, b: string): boolean {
  return timingSafeEqual(sha256(a), sha256(b));
}
