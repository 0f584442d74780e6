import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { agree, count, customerCount, stepCount, takePart } from './count';

describe('counts of things in words', () => {
  it('says one thing in the singular and any other number in the plural, grouped by thousands', () => {
    expect(stepCount(1)).toBe('1 step');
    expect(stepCount(0)).toBe('0 steps');
    expect(stepCount(2)).toBe('2 steps');
    expect(customerCount(1204)).toBe('1,204 customers');
    expect(count(1, 'entity', 'entities')).toBe('1 entity');
    expect(count(3, 'entity', 'entities')).toBe('3 entities');
    expect(takePart(1)).toBe('1 customer takes part');
    expect(takePart(2)).toBe('2 customers take part');
    expect(`${count(1, 'row')} ${agree(1, 'stays', 'stay')}`).toBe('1 row stays');
  });

  it('writes every number as Intl.NumberFormat("en") does, whole or not', () => {
    const intl = new Intl.NumberFormat('en');
    for (const n of [0, 7, 999, 1000, 12_345, 1_234_567, 9_007_199_254_740_991, -1, -1234, 1.5, 1234.5678]) {
      expect(count(n, 'row')).toBe(`${intl.format(n)} rows`);
    }
  });

  // Nouns the app counts. A number written straight before one of them (`{n} steps`, `${n} customers`),
  // or a plural chosen by hand (`n === 1 ? 'step' : 'steps'`, `=== 1 ? '' : 's'`), says "1 steps" sooner
  // or later: every count goes through count().
  const NOUNS =
    'steps?|customers?|clusters?|releases?|templates?|entit(?:y|ies)|problems?|rows?|changes?|records?|clash(?:es)?|days?|devices?|users?|tokens?|waves?|bundles?|participants?';
  const HAND_WRITTEN = [
    // Also across a line break in JSX: `{n}{' '}` at a line's end, the noun on the next.
    new RegExp(
      `\\$?\\{[^{}]*\\}(?:\\{' '\\})?\\s+(?:active |pending |ready |new |executed )?(?:${NOUNS})\\b(?!=)`,
      'g',
    ),
    /===\s*1\s*\?\s*'(\w*)'\s*:\s*'\1(?:s|es)'/g,
  ];
  /** `{label} steps`, `${tab === 'deploy' ? 'Deploy' : 'Verify'} steps`: a word before the noun, not a number. */
  const isWord = (match: string) => /label|Label|LABEL|name|Name|'/.test(match.replace("{' '}", ''));

  function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return sources(path);
      return /\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) && !entry.endsWith('.gen.ts')
        ? [path]
        : [];
    });
  }

  it('are never written by hand in the app', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const found: string[] = [];
    for (const file of sources(root)) {
      if (file.endsWith(join('lib', 'count.ts'))) continue;
      const text = readFileSync(file, 'utf8');
      for (const pattern of HAND_WRITTEN)
        for (const match of text.matchAll(pattern))
          if (!isWord(match[0])) found.push(`${relative(root, file)}: ${match[0]}`);
    }
    expect(found).toEqual([]);
  });
});
