import { z } from 'zod';
import { ApiError } from './errors.ts';

/**
 * Opaque pagination cursors: base64url of a small JSON value, so clients pass them back untouched and the
 * server may change what is inside. Anything that does not decode to the expected shape is `invalid-cursor`.
 */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

const MAX_CURSOR_LENGTH = 2048;

export function decodeCursor<S extends z.ZodType>(text: string | null, schema: S): z.output<S> | null {
  if (text === null || text === '') return null;
  if (text.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(text)) throw new ApiError('invalid-cursor');
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new ApiError('invalid-cursor');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ApiError('invalid-cursor');
  return parsed.data;
}

/** Keyset cursors over sorted lists: the sort key of the last item returned. */
export const KeyCursor = z.strictObject({ k: z.array(z.union([z.string(), z.number()])).max(4) });

/** Index of the first item strictly after `key` in a list sorted by `keyOf` (binary search). */
export function startAfter<T>(
  sorted: readonly T[],
  keyOf: (item: T) => Array<string | number>,
  key: Array<string | number>,
): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(keyOf(sorted[mid]!), key) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function compareKeys(a: Array<string | number>, b: Array<string | number>): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/** One page of a sorted list after the cursor, and the cursor of the next page (null at the end). */
export function pageOf<T>(
  sorted: readonly T[],
  keyOf: (item: T) => Array<string | number>,
  cursorText: string | null,
  limit: number,
): { items: T[]; nextCursor: string | null } {
  const cursor = decodeCursor(cursorText, KeyCursor);
  const start = cursor === null ? 0 : startAfter(sorted, keyOf, cursor.k);
  const items = sorted.slice(start, start + limit);
  const last = items.at(-1);
  const more = start + limit < sorted.length;
  return { items, nextCursor: more && last !== undefined ? encodeCursor({ k: keyOf(last) }) : null };
}
