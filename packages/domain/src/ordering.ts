/**
 * Order within (release, category): fractional index keys with the id as tie-break (ID-03). Two devices
 * inserting at one place make two different keys or, at worst, equal keys that still sort the same way
 * everywhere because of the id. Keys compare by UTF-16 code unit (`<`), never `localeCompare`: that is the
 * order fractional-indexing generates for.
 */
import { generateNKeysBetween } from 'fractional-indexing';

export interface Ordered {
  id: string;
  order: string;
}

/** Code-unit order of two strings; chain with `||` for multi-key sorts. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareOrdered(a: Ordered, b: Ordered): number {
  return compareStrings(a.order, b.order) || compareStrings(a.id, b.id);
}

/** A sorted copy. */
export function sortOrdered<T extends Ordered>(items: readonly T[]): T[] {
  return [...items].sort(compareOrdered);
}

/** Where a new or moved item goes: before/after an item of the list, at an index, or at the end. */
export type Position = { before: string } | { after: string } | { index: number } | undefined;

/** The insertion index of `position` in `sorted`, or null when it names an item not in the list. */
export function indexOfPosition(sorted: readonly Ordered[], position: Position): number | null {
  if (position === undefined) return sorted.length;
  if ('index' in position) return Math.max(0, Math.min(sorted.length, Math.trunc(position.index)));
  const ref = 'before' in position ? position.before : position.after;
  const i = sorted.findIndex((it) => it.id === ref);
  if (i < 0) return null;
  return 'before' in position ? i : i + 1;
}

export interface KeyPlan {
  /** The key of the new (or moved) item. */
  order: string;
  /** Neighbours that need a new key too, to keep their place (only when equal keys met at the spot). */
  rekeyed: Ordered[];
}

/**
 * An order key that puts an item at `index` of `sorted` (a list sorted by `compareOrdered` that does not
 * contain the item). Equal keys (two devices inserted at one place) leave no room between them, so the
 * tied items after the spot get fresh keys as well. Keys that fractional-indexing cannot read (a damaged
 * import) make the whole list re-keyed in its current order: order is kept, nothing throws.
 */
export function keyAt(sorted: readonly Ordered[], index: number): KeyPlan {
  const lower = index > 0 ? (sorted[index - 1]?.order ?? null) : null;
  let end = index;
  while (lower !== null && end < sorted.length && (sorted[end]?.order ?? '') <= lower) end++;
  const upper = end < sorted.length ? (sorted[end]?.order ?? null) : null;
  try {
    const keys = generateNKeysBetween(lower, upper, 1 + end - index);
    return {
      order: keys[0] ?? '',
      rekeyed: sorted.slice(index, end).map((it, k) => ({ id: it.id, order: keys[k + 1] ?? '' })),
    };
  } catch {
    const keys = generateNKeysBetween(null, null, sorted.length + 1);
    const rekeyed = sorted.map((it, k) => ({ id: it.id, order: keys[k < index ? k : k + 1] ?? '' }));
    return { order: keys[index] ?? '', rekeyed };
  }
}

/** The first key of an empty list; handy for tests and fixtures. */
export function firstKeys(n: number): string[] {
  return generateNKeysBetween(null, null, n);
}
