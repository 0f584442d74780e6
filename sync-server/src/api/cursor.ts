import { encodeCursor } from '@runsheet/protocol';

type Key = ReadonlyArray<string | number>;

/**
 * Keyset pagination over sorted lists. The cursor (see @runsheet/protocol's cursor.ts) is the sort key of
 * the last item returned, already decoded by the operation's query schema; any key is a place in the
 * order, so a page always answers, whatever key a client sends.
 */

/** Index of the first item strictly after `key` in a list sorted by `keyOf` (binary search). */
export function startAfter<T>(sorted: readonly T[], keyOf: (item: T) => Key, key: Key): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(keyOf(sorted[mid]!), key) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function compareKeys(a: Key, b: Key): number {
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

/** One page of a sorted list after `after` (from the start when null), and the next page's cursor. */
export function pageOf<T>(
  sorted: readonly T[],
  keyOf: (item: T) => Key,
  after: Key | null,
  limit: number,
): { items: T[]; nextCursor: string | null } {
  const start = after === null ? 0 : startAfter(sorted, keyOf, after);
  const items = sorted.slice(start, start + limit);
  const last = items.at(-1);
  const more = start + limit < sorted.length;
  return { items, nextCursor: more && last !== undefined ? encodeCursor(keyOf(last)) : null };
}

/**
 * Text as a key part: at most `max` characters (a field's limit), so the cursor of any item fits the
 * cursor's length bound whatever a document holds; the same cut sorts and pages, so the order stays total.
 */
export function keyText(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}
