/**
 * Packs plain JSON data (step states, custom steps, participants, events) into one compact JSON string
 * with its strings interned, and back. Why: IndexedDB pays per row and per structured-cloned object,
 * and a finished release has 50,000 step states that repeat the same few strings (field names,
 * statuses, actor names, revision ids, variable values). One string per row clones as one block, and
 * `JSON.parse` of small numbers and a short string table is the fastest decoder a browser has.
 *
 * Encoding of a value (`w` is the row's string table):
 *   string  -> its index in `w` (a non-negative integer)
 *   null, true, false -> themselves
 *   object  -> [0, key index, value, key index, value, ...]
 *   array   -> [1, value, value, ...]
 *   number  -> [2, the number]   (the entities hold none today; kept so any JSON value round-trips)
 * Exact for every JSON value: `unpack(pack(x))` deep-equals `x`. Object keys are packed in sorted order,
 * so equal values pack to the same text whatever order their keys were set in (replicas of a document
 * set a step's fields in different orders, and their projections must hold the same rows).
 */

const OBJECT = 0;
const ARRAY = 1;
const NUMBER = 2;

export type Encoded = number | boolean | null | Encoded[];

/** Interns the strings of one packed row. */
export class StringTable {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();

  ref(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(value);
      this.index.set(value, i);
    }
    return i;
  }
}

export function encode(value: unknown, table: StringTable): Encoded {
  if (typeof value === 'string') return table.ref(value);
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return [NUMBER, value];
  if (Array.isArray(value)) {
    const out: Encoded[] = [ARRAY];
    for (const item of value) out.push(encode(item, table));
    return out;
  }
  if (typeof value === 'object') {
    const out: Encoded[] = [OBJECT];
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record).sort()) {
      const item = record[key];
      if (item === undefined) continue; // as JSON.stringify does
      out.push(table.ref(key), encode(item, table));
    }
    return out;
  }
  throw new TypeError(`cannot pack a value of type ${typeof value}`);
}

export function decode(value: Encoded, strings: readonly string[]): unknown {
  if (typeof value === 'number') return strings[value];
  if (value === null || typeof value === 'boolean') return value;
  const tag = value[0];
  if (tag === OBJECT) {
    const out: Record<string, unknown> = {};
    for (let i = 1; i < value.length; i += 2) {
      out[strings[value[i] as number] as string] = decode(value[i + 1] as Encoded, strings);
    }
    return out;
  }
  if (tag === ARRAY) {
    const out: unknown[] = new Array(value.length - 1);
    for (let i = 1; i < value.length; i++) out[i - 1] = decode(value[i] as Encoded, strings);
    return out;
  }
  if (tag === NUMBER) return value[1];
  throw new Error(`unknown packed tag ${String(tag)}`);
}

/** The packed text of `value` (any JSON value). */
export function pack(value: unknown): string {
  const table = new StringTable();
  const v = encode(value, table);
  return JSON.stringify([table.strings, v]);
}

/** The value `pack` was given. */
export function unpack<T>(text: string): T {
  const [strings, v] = JSON.parse(text) as [string[], Encoded];
  return decode(v, strings) as T;
}
