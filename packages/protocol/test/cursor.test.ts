import { describe, expect, it } from 'vitest';
import { type CursorPart, cursorParam, cursorPattern, decodeCursor, encodeCursor } from '../src/cursor.ts';

/** A small deterministic generator, so a failure names the case it met. */
function* randomTexts(seed: number, count: number): Generator<string> {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state;
  };
  for (let n = 0; n < count; n++) {
    let text = '';
    for (let i = next() % 12; i > 0; i--) text += String.fromCharCode(next() % 0x10000);
    yield text;
  }
}

describe('pagination cursors', () => {
  it('give back the key they were made from, for any text (lone surrogates included) and whole number', () => {
    const parts = ['int', 'text', 'text'] as const;
    let i = 1;
    for (const text of randomTexts(7, 500)) {
      const number = (i % 2 === 0 ? -1 : 1) * i++ * 1_000_003;
      const key: [number, string, string] = [number, text, `${text}\u{1F600}`];
      const cursor = encodeCursor(key);
      expect(cursor).toMatch(new RegExp(cursorPattern(parts)));
      expect(decodeCursor(cursor, parts)).toEqual(key);
    }
    expect(encodeCursor([-0, ''])).toBe('0.');
  });

  it('read every text their pattern allows as a key, and that key writes the same text back', () => {
    const cases: Array<[readonly CursorPart[], string]> = [
      [['int'], '-0000000000000001'],
      [['int'], '42'],
      [['int', 'text'], '7.'],
      [['int', 'text'], '-12.d83dde00'],
      [['text', 'text', 'text'], '..'],
      [['text', 'text', 'text'], 'dfff.d800.ffff'],
    ];
    for (const [parts, text] of cases) {
      const parsed = cursorParam(parts).safeParse(text);
      expect(parsed.success, text).toBe(true);
      const key = parsed.data!;
      expect(key.map((part) => typeof part)).toEqual(parts.map((p) => (p === 'int' ? 'number' : 'string')));
      // Leading zeros and a minus zero are the only spellings that do not come back letter for letter.
      if (!/^-?0[0-9]/.test(text)) expect(encodeCursor(key)).toBe(text);
    }
  });

  it('refuse what the pattern does not allow, and anything longer than the bound', () => {
    for (const [parts, text] of [
      [['int'], ''],
      [['int'], '1.'],
      [['int'], '\u0661'], // an Arabic-Indic one: a digit to some engines, not to the pattern
      [['int'], '12345678901234567'],
      [['int', 'text'], '1.abc'],
      [['int', 'text'], '1.ABCD'],
      [['text', 'text', 'text'], '.'],
      [['text', 'text', 'text'], `..${'0041'.repeat(1100)}`],
    ] as Array<[readonly CursorPart[], string]>) {
      expect(cursorParam(parts).safeParse(text).success, text).toBe(false);
    }
  });

  it('refuse to write a number a key cannot hold exactly', () => {
    expect(() => encodeCursor([1.5])).toThrow(/safe integer/);
    expect(() => encodeCursor([2 ** 60])).toThrow(/safe integer/);
  });
});
