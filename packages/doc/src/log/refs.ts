/**
 * Short references for long strings (ST-14): customer, template, step and revision ids, actors and
 * variable values appear in thousands of log entries, so an entry holds a short key and the release
 * document's `refs` map (key -> string) holds each string once.
 *
 * A key is the first REF_KEY_LENGTH characters of a 64-bit hash of the string (six bits each, the id
 * alphabet), so two devices that
 * intern the same string while apart write the same key with the same value, and the merge keeps one.
 * A writer that finds its key taken by another string takes a longer key (up to 11 characters, then a
 * numbered one). What stays possible: two devices apart each intern a DIFFERENT string whose keys
 * agree in all REF_KEY_LENGTH characters; the merge keeps one value, and entries of the other device
 * would read it. With 7 characters (42 bits, 4.4 * 10^12 keys) the odds are about a * b / 4.4 * 10^12,
 * where a and b are the numbers of new strings the two devices interned while apart: for 3,000 each,
 * about 1 in 500,000 per such meeting. A reader that sees a key change its value re-reads the whole log, so
 * every replica still shows the same thing.
 */
import { hashId } from '@runsheet/domain';
import type * as Y from 'yjs';

export const REF_KEY_LENGTH = 7;

/** Interns strings into a `refs` map inside the caller's transaction; caches what it learned. */
export class RefWriter {
  private readonly known = new Map<string, string>();

  constructor(private readonly refs: Y.Map<unknown>) {}

  key(value: string): string {
    const cached = this.known.get(value);
    if (cached !== undefined && this.refs.get(cached) === value) return cached;
    let key = '';
    for (let length = REF_KEY_LENGTH; ; length++) {
      key = length <= 11 ? hashId(value, length) : `${hashId(value, 11)}~${length - 11}`;
      const held = this.refs.get(key);
      if (held === value) break;
      if (held === undefined) {
        this.refs.set(key, value);
        break;
      }
    }
    this.known.set(value, key);
    return key;
  }
}

/**
 * Resolves keys against a `refs` map; parsed JSON values are shared by every entry that uses them.
 * Every key it resolves is noted in `seen` with the string it had, so a reader can tell when a key it
 * used changes its string (a concurrent collision) and read again.
 */
export class RefReader {
  private readonly parsed = new Map<string, { text: string; value: unknown }>();

  constructor(
    private readonly refs: Y.Map<unknown>,
    private readonly seen: Map<string, string> = new Map(),
  ) {}

  /** The string behind a key, or undefined while it has not arrived. */
  text(key: string): string | undefined {
    const cached = this.seen.get(key);
    if (cached !== undefined) return cached;
    const value = this.refs.get(key);
    if (typeof value !== 'string') return undefined;
    this.seen.set(key, value);
    return value;
  }

  /** The map changed under `key`: read it again next time. */
  forget(key: string): void {
    this.seen.delete(key);
  }

  /** The JSON value behind a key (actors, variable values), parsed once per key and string. */
  json(key: string): unknown {
    const text = this.text(key);
    if (text === undefined) return undefined;
    const known = this.parsed.get(key);
    if (known?.text === text) return known.value;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    this.parsed.set(key, { text, value });
    return value;
  }
}
