import { z } from 'zod';
import { FIELD_LIMITS } from '../limits.ts';

/** ISO-8601 timestamps, as produced by `Date.prototype.toISOString`. */
export const timestampSchema = z.string().min(1);
export type Timestamp = string;

/** Free key/value metadata (region, API endpoint, ...). Keys are usable as content variables. */
export const METADATA_KEY = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
export const metadataSchema = z.record(
  z.string().regex(METADATA_KEY),
  z.string().max(FIELD_LIMITS.metadataValue),
);
export type Metadata = Record<string, string>;

/** Who did something, and from which device: stamped on every change by the command context. */
export interface Actor {
  id: string;
  name: string;
}
