/**
 * Many records of one shape (50,000 step states, 50,000 events) packed as columns of interned strings,
 * and back. Why not pack-codec's per-value encoding: measured in Chromium on a finished release, its
 * nested arrays made `JSON.parse` alone take 50-125 ms and decoding 70-200 ms more; columns are a few
 * long arrays of small integers, which parse fast, and decoding builds every record with the same
 * fields in the same order (V8 then shares one object shape between them).
 *
 * A record's fields are flattened one level: a string field is a column of string indexes; an object
 * field becomes one column per key of it (a string, or any JSON value as its JSON text); any other
 * value (number, boolean, null, array, empty object) is a column of JSON texts. -1 means "absent".
 * Columns go in sorted order, so equal records give equal text. Exact for records of JSON values.
 *
 * Equal JSON texts decode to ONE shared value (the variables of a run are the same object in every
 * step that ran with them): records read back are for reading, like every plain state of a release.
 */
import type { StringTable } from './pack-codec.ts';

const STRING = 0;
const JSON_TEXT = 1;
const ABSENT = -1;
/** A column of a top-level field (no key within it). */
const TOP = -1;

/** [field, key within it or TOP, kind, one value per record]. */
type Column = [field: number, key: number, kind: number, values: number[]];
export type EncodedRows = [count: number, columns: Column[]];

type Row = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Row =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function encodeRows(rows: readonly Row[], table: StringTable): EncodedRows {
  // Values are collected first and interned column by column afterwards: the string table then comes
  // out in the same order whatever order each record's fields were set in.
  const columns = new Map<string, { field: string; key: string | null; kind: number; values: string[] }>();
  const put = (i: number, field: string, key: string | null, kind: number, value: string) => {
    const name = `${kind}\u0000${key === null ? 0 : 1}\u0000${field}\u0000${key ?? ''}`;
    let c = columns.get(name);
    if (!c) {
      c = { field, key, kind, values: [] };
      columns.set(name, c);
    }
    c.values[i] = value;
  };
  rows.forEach((row, i) => {
    for (const [field, value] of Object.entries(row)) {
      if (value === undefined) continue;
      if (typeof value === 'string') put(i, field, null, STRING, value);
      else if (isPlainObject(value) && Object.keys(value).length > 0) {
        for (const [key, inner] of Object.entries(value)) {
          if (inner === undefined) continue;
          if (typeof inner === 'string') put(i, field, key, STRING, inner);
          else put(i, field, key, JSON_TEXT, JSON.stringify(inner));
        }
      } else put(i, field, null, JSON_TEXT, JSON.stringify(value));
    }
  });
  const sorted = [...columns.values()].sort(
    (a, b) =>
      compare(a.field, b.field) ||
      compare(a.key ?? '', b.key ?? '') ||
      a.kind - b.kind ||
      (a.key === null ? 0 : 1) - (b.key === null ? 0 : 1),
  );
  return [
    rows.length,
    sorted.map((c): Column => {
      const values = new Array<number>(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const v = c.values[i];
        values[i] = v === undefined ? ABSENT : table.ref(v);
      }
      return [table.ref(c.field), c.key === null ? TOP : table.ref(c.key), c.kind, values];
    }),
  ];
}

export function decodeRows([count, columns]: EncodedRows, strings: readonly string[]): Row[] {
  const rows: Row[] = new Array(count);
  for (let i = 0; i < count; i++) rows[i] = {};
  const parsed = new Map<number, unknown>();
  const json = (ref: number) => {
    if (!parsed.has(ref)) parsed.set(ref, JSON.parse(strings[ref] as string));
    return parsed.get(ref);
  };
  for (const [fieldRef, keyRef, kind, values] of columns) {
    const field = strings[fieldRef] as string;
    const key = keyRef === TOP ? null : (strings[keyRef] as string);
    for (let i = 0; i < count; i++) {
      const v = values[i] as number;
      if (v === ABSENT) continue;
      const value = kind === STRING ? strings[v] : json(v);
      const row = rows[i] as Row;
      if (key === null) row[field] = value;
      else {
        let inner = row[field] as Row | undefined;
        if (inner === undefined) {
          inner = {};
          row[field] = inner;
        }
        inner[key] = value;
      }
    }
  }
  return rows;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * One field of every record, read straight from the columns without building the records (RM-09):
 * `read(i)` is what `decodeRows(...)[i][field]` holds (an object field comes back as a fresh object
 * of its keys; equal JSON texts parse once per call of readField); null when no record has the field.
 * For reading a few fields of many records, as the matrix reads a step's status.
 */
export function readField(
  [, columns]: EncodedRows,
  strings: readonly string[],
  field: string,
): ((i: number) => unknown) | null {
  const top: Column[] = [];
  const keyed: Column[] = [];
  for (const c of columns) {
    if (strings[c[0]] !== field) continue;
    (c[1] === TOP ? top : keyed).push(c);
  }
  // No record has it (a done step has no override): nothing to read per record.
  if (top.length === 0 && keyed.length === 0) return null;
  const parsed = new Map<number, unknown>();
  const cellValue = (kind: number, v: number) => {
    if (kind === STRING) return strings[v];
    if (!parsed.has(v)) parsed.set(v, JSON.parse(strings[v] as string));
    return parsed.get(v);
  };
  // The common case (a string field such as a step's status): one column, no branches.
  if (keyed.length === 0 && top.length === 1) {
    const [, , kind, values] = top[0] as Column;
    if (kind === STRING) return (i) => (values[i] === ABSENT ? undefined : strings[values[i] as number]);
  }
  return (i) => {
    for (const [, , kind, values] of top) {
      const v = values[i] as number;
      if (v !== ABSENT) return cellValue(kind, v);
    }
    let inner: Row | undefined;
    for (const [, keyRef, kind, values] of keyed) {
      const v = values[i] as number;
      if (v === ABSENT) continue;
      inner ??= {};
      inner[strings[keyRef] as string] = cellValue(kind, v);
    }
    return inner;
  };
}

/** One record, as `decodeRows(...)[i]` would give it, without building the others. */
export function decodeRow([, columns]: EncodedRows, strings: readonly string[], i: number): Row {
  const one: EncodedRows = [
    1,
    columns.map(([f, k, kind, values]): Column => [f, k, kind, [values[i] as number]]),
  ];
  return decodeRows(one, strings)[0] as Row;
}
