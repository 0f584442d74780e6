/**
 * Guards for values that come from a file: keys that would change an object's prototype, and nesting
 * deep enough to overflow a recursive walk later (JSON.stringify when a document stores the value).
 * Both walks are iterative, so hostile input cannot overflow them either.
 */
import { type ProblemList, subPath } from './problems.ts';

/** Unknown fields may hold JSON values nested at most this deep. */
export const MAX_DEPTH = 32;
/**
 * `__proto__` as an own key survives JSON.parse; assigning it elsewhere would swap a prototype. Other
 * names (`constructor`) are harmless as own data keys and may be real metadata keys, so they pass.
 */
const UNSAFE_KEYS = new Set(['__proto__']);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'text';
  return `a ${typeof value}`;
}

/**
 * Reports unsafe keys and too-deep nesting anywhere inside `value` (the record itself included).
 * Returns false when it found anything.
 */
export function checkJsonValue(value: unknown, path: string, problems: ProblemList): boolean {
  let clean = true;
  const stack: Array<{ v: unknown; path: string; depth: number }> = [{ v: value, path, depth: 0 }];
  while (stack.length > 0) {
    const { v, path: p, depth } = stack.pop() as { v: unknown; path: string; depth: number };
    if (typeof v !== 'object' || v === null) continue;
    if (depth > MAX_DEPTH) {
      problems.add(p, 'too-deep', `nested more than ${MAX_DEPTH} levels deep`);
      clean = false;
      continue;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push({ v: v[i], path: subPath(p, i), depth: depth + 1 });
      continue;
    }
    for (const key of Object.keys(v)) {
      if (UNSAFE_KEYS.has(key)) {
        problems.add(subPath(p, key), 'unsafe-key', `the key "${key}" is not allowed`);
        clean = false;
        continue;
      }
      stack.push({ v: (v as Record<string, unknown>)[key], path: subPath(p, key), depth: depth + 1 });
    }
  }
  return clean;
}

/** Plain JSON equality for values read from files and documents (key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(rb, k) && sameJson((a as Record<string, unknown>)[k], rb[k]));
}
