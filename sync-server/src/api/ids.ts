import { runsheetIdSchema, temporalIdSchema } from '@runsheet/protocol';
import { ApiError } from './errors.ts';

/**
 * Ids a handler reads from a place its operation's schema leaves open (the `?release=` of an entity,
 * whose kind depends on the entity): checked with the contract's id schemas, 400 `invalid-id` if wrong.
 */
export function requireRunsheetId(
  value: string,
  type: 'release' | 'step' | 'cluster' | 'customer',
  field: string,
): string {
  const parsed = runsheetIdSchema(type).safeParse(value);
  if (!parsed.success)
    throw new ApiError('invalid-id', { field, message: `${field}: ${parsed.error.issues[0]!.message}` });
  return value;
}

export function requireTemporalId(
  value: string,
  field: string,
  type?: 'release' | 'wave' | 'cluster' | 'bundle' | 'app',
): string {
  const parsed = temporalIdSchema(type).safeParse(value);
  if (!parsed.success)
    throw new ApiError('invalid-id', { field, message: `${field}: ${parsed.error.issues[0]!.message}` });
  return value;
}
