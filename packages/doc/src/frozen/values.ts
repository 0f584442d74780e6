/**
 * The value coding of a frozen release (frozen/freeze.ts): JSON-like values in a compact binary form,
 * every string stored once in a shared table and referred to by index, times as millisecond deltas from
 * the previous time written, and the shapes a release repeats thousands of times (a run, a flat object
 * of strings such as variable values or an event's detail) in short forms. Encoder and decoder walk the
 * values in the same order, so the running state (the last time) agrees on both sides.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

const T = {
  null: 0,
  true: 1,
  false: 2,
  string: 3,
  time: 4,
  int: 5,
  float: 6,
  array: 7,
  object: 8,
  /** An object whose values are all strings, stored as one shared JSON text. */
  flat: 9,
  /** A run {rev, vars, at, by} in this key order. */
  run: 10,
} as const;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The ISO text as milliseconds when it reads back exactly, else null. */
function timeOf(text: string): number | null {
  if (text.length !== 24 || !ISO.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) && new Date(ms).toISOString() === text ? ms : null;
}

function isFlat(value: object): value is Record<string, string> {
  let n = 0;
  for (const v of Object.values(value)) {
    if (typeof v !== 'string') return false;
    n++;
  }
  return n <= 32;
}

function isRun(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return (
    keys.length === 4 &&
    keys[0] === 'rev' &&
    keys[1] === 'vars' &&
    keys[2] === 'at' &&
    keys[3] === 'by' &&
    typeof value.rev === 'string' &&
    typeof value.by === 'string' &&
    typeof value.at === 'string'
  );
}

export class ValueWriter {
  readonly body = encoding.createEncoder();
  private readonly index = new Map<string, number>();
  readonly strings: string[] = [];
  private lastTime = 0;

  string(text: string): void {
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(text);
      this.index.set(text, i);
    }
    encoding.writeVarUint(this.body, i);
  }

  uint(n: number): void {
    encoding.writeVarUint(this.body, n);
  }

  value(value: unknown): void {
    const e = this.body;
    if (value === null || value === undefined) encoding.writeUint8(e, T.null);
    else if (value === true) encoding.writeUint8(e, T.true);
    else if (value === false) encoding.writeUint8(e, T.false);
    else if (typeof value === 'string') {
      const ms = timeOf(value);
      if (ms !== null) {
        encoding.writeUint8(e, T.time);
        encoding.writeVarInt(e, ms - this.lastTime);
        this.lastTime = ms;
      } else {
        encoding.writeUint8(e, T.string);
        this.string(value);
      }
    } else if (typeof value === 'number') {
      if (Number.isSafeInteger(value)) {
        encoding.writeUint8(e, T.int);
        encoding.writeVarInt(e, value);
      } else {
        encoding.writeUint8(e, T.float);
        encoding.writeFloat64(e, value);
      }
    } else if (Array.isArray(value)) {
      encoding.writeUint8(e, T.array);
      encoding.writeVarUint(e, value.length);
      for (const item of value) this.value(item);
    } else if (typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (isRun(record)) {
        encoding.writeUint8(e, T.run);
        this.string(record.rev as string);
        this.value(record.vars);
        this.value(record.at);
        this.string(record.by as string);
      } else if (isFlat(record)) {
        encoding.writeUint8(e, T.flat);
        this.string(JSON.stringify(record));
      } else {
        const keys = Object.keys(record);
        encoding.writeUint8(e, T.object);
        encoding.writeVarUint(e, keys.length);
        for (const key of keys) {
          this.string(key);
          this.value(record[key]);
        }
      }
    } else throw new Error(`a frozen release holds JSON values only, not ${typeof value}`);
  }
}

export class ValueReader {
  private lastTime = 0;
  private readonly flats = new Map<number, Record<string, string>>();
  private readonly parsed = new Map<string, unknown>();

  constructor(
    private readonly d: decoding.Decoder,
    private readonly strings: readonly string[],
  ) {}

  string(): string {
    const s = this.strings[decoding.readVarUint(this.d)];
    if (s === undefined) throw new Error('frozen release: string index out of range');
    return s;
  }

  uint(): number {
    return decoding.readVarUint(this.d);
  }

  /** A JSON text read earlier (an actor), parsed once per text. */
  parseJson(text: string): unknown {
    let value = this.parsed.get(text);
    if (value === undefined) {
      value = JSON.parse(text);
      this.parsed.set(text, value);
    }
    return value;
  }

  value(): unknown {
    const d = this.d;
    const tag = decoding.readUint8(d);
    switch (tag) {
      case T.null:
        return null;
      case T.true:
        return true;
      case T.false:
        return false;
      case T.string:
        return this.string();
      case T.time:
        this.lastTime += decoding.readVarInt(d);
        return new Date(this.lastTime).toISOString();
      case T.int:
        return decoding.readVarInt(d);
      case T.float:
        return decoding.readFloat64(d);
      case T.array: {
        const n = decoding.readVarUint(d);
        const out: unknown[] = [];
        for (let i = 0; i < n; i++) out.push(this.value());
        return out;
      }
      case T.run: {
        const rev = this.string();
        const vars = this.value();
        const at = this.value();
        return { rev, vars, at, by: this.string() };
      }
      case T.flat: {
        // One object per distinct text, shared like the live documents share a parsed value.
        const i = decoding.readVarUint(d);
        let flat = this.flats.get(i);
        if (!flat) {
          flat = JSON.parse(this.strings[i] ?? 'null') as Record<string, string>;
          this.flats.set(i, flat);
        }
        return flat;
      }
      case T.object: {
        const n = decoding.readVarUint(d);
        const out: Record<string, unknown> = {};
        for (let i = 0; i < n; i++) {
          const key = this.string();
          out[key] = this.value();
        }
        return out;
      }
      default:
        throw new Error(`frozen release: unknown value tag ${tag}`);
    }
  }
}
