/** Values of a version-0 file as version 1 wants them (see migrate-v0.ts). */
import { isPlainObject } from './json-safety.ts';

export type Row = Record<string, unknown>;

const SECONDS_BEFORE = 1e11; // integers below this are Unix seconds (until the year 5138), above are ms

/** A v0 timestamp (Unix seconds, milliseconds, or text) as ISO text; undefined when absent. */
export function isoTime(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) {
    const ms = Math.abs(value) < SECONDS_BEFORE ? value * 1000 : value;
    const d = new Date(ms);
    return Number.isNaN(d.getTime()) ? String(value) : d.toISOString();
  }
  if (typeof value === 'string') {
    const t = Date.parse(value);
    return Number.isNaN(t) ? value : new Date(t).toISOString();
  }
  return value as string; // the v1 reader says what is wrong with it
}

export function dateOnly(value: unknown): unknown {
  const iso = isoTime(value);
  return iso && /^\d{4}-\d{2}-\d{2}T/.test(iso) ? iso.slice(0, 10) : (iso ?? null);
}

/** `id` 12 -> `cluster:v0-12`. Values that cannot be an id pass unchanged for the reader to refuse. */
export function v0Id(type: string, value: unknown): unknown {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return `${type}:v0-${value}`;
  if (typeof value === 'string' && /^[A-Za-z0-9_-]{1,60}$/.test(value)) return `${type}:v0-${value}`;
  return value;
}

/** v0 metadata is any JSON (or JSON text); v1 metadata is text values. */
export function metadata(value: unknown): unknown {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return v; // the reader reports it
    }
  }
  if (v === null || v === undefined) return {};
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    out[k] =
      typeof x === 'string' ? x : x === null ? '' : typeof x === 'object' ? JSON.stringify(x) : String(x);
  }
  return out;
}

export const text = (v: unknown): unknown => (v === null || v === undefined ? '' : v);
export const flag = (v: unknown, fallback: boolean): unknown =>
  v === null || v === undefined ? fallback : v === 1 ? true : v === 0 ? false : v;
export const orUndef = (v: unknown): unknown => (v === null ? undefined : v);

export function rows(body: Row, table: string): unknown[] {
  const v = body[table];
  return Array.isArray(v) ? v : [];
}
