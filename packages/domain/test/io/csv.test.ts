import { describe, expect, it } from 'vitest';
import { detectDelimiter, escapeCell, parseCsv, toCsv, unescapeCell } from '../../src/index.ts';

function rows(text: string) {
  const r = parseCsv(text);
  if (!r.ok) throw new Error(r.message);
  return r.rows;
}

describe('IO-10 reading CSV (RFC 4180)', () => {
  it('IO-10 plain rows, CRLF, LF and CR line ends', () => {
    expect(rows('a,b\r\nc,d\ne,f\rg,h')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
  });

  it('IO-10 quoted fields hold commas, doubled quotes and line breaks', () => {
    expect(rows('name,notes\r\n"Acme, Inc.","say ""hi""\r\nthen leave"\r\n')).toEqual([
      ['name', 'notes'],
      ['Acme, Inc.', 'say "hi"\r\nthen leave'],
    ]);
  });

  it('IO-10 a byte order mark is dropped; a trailing line break adds no row; empty fields stay', () => {
    expect(rows('\uFEFFa,b,\n,,x\n')).toEqual([
      ['a', 'b', ''],
      ['', '', 'x'],
    ]);
  });

  it('IO-10 tab- and semicolon-separated text is recognised (spreadsheet paste, some locales)', () => {
    expect(detectDelimiter('name\tnamespace\nA\tb')).toBe('\t');
    expect(detectDelimiter('name;namespace\nA;b')).toBe(';');
    expect(detectDelimiter('"a;b",c\n')).toBe(',');
    expect(rows('name\tnamespace\r\nAcme\tacme-prod')).toEqual([
      ['name', 'namespace'],
      ['Acme', 'acme-prod'],
    ]);
  });

  it('IO-10 a quote inside an unquoted field is text; an unclosed quoted field is an error with its line', () => {
    expect(rows('a b"c,d')).toEqual([['a b"c', 'd']]);
    expect(parseCsv('a,b\nc,"never\nclosed')).toEqual({
      ok: false,
      line: 2,
      message: 'a quoted field is never closed',
    });
  });

  it('IO-10 an empty text has no rows', () => {
    expect(rows('')).toEqual([]);
  });
});

describe('IO-12 writing CSV, injection safe', () => {
  it.each(['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx'])(
    'IO-12 %j is prefixed with an apostrophe',
    (cell) => {
      expect(escapeCell(cell)).toBe(`'${cell}`);
      expect(unescapeCell(escapeCell(cell))).toBe(cell);
    },
  );

  it('IO-12 ordinary cells are left alone, and an apostrophe of their own survives', () => {
    expect(escapeCell('acme-prod')).toBe('acme-prod');
    expect(unescapeCell("'quoted'")).toBe("'quoted'");
  });

  it('IO-12 cells are quoted when needed; lines end with CRLF; the text parses back to the same cells', () => {
    const data = [
      ['cluster', 'notes'],
      ['prod, eu', 'line one\nline "two"'],
      ['=HYPERLINK("http://evil")', null],
    ];
    const text = toCsv(data);
    expect(text).toBe(
      'cluster,notes\r\n"prod, eu","line one\nline ""two"""\r\n"\'=HYPERLINK(""http://evil"")",\r\n',
    );
    expect(rows(text).map((r) => r.map(unescapeCell))).toEqual([
      ['cluster', 'notes'],
      ['prod, eu', 'line one\nline "two"'],
      ['=HYPERLINK("http://evil")', ''],
    ]);
  });
});
