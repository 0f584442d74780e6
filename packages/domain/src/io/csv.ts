/**
 * CSV in and out (RFC 4180), small enough to read in one sitting and tested on its edges, so the domain
 * needs no parser package.
 *
 * Reading: quoted fields may hold the delimiter, quotes (doubled) and line breaks; CRLF, LF and CR all end
 * a record; a byte order mark is dropped; the delimiter is comma unless the first line says tab or
 * semicolon (a paste from a spreadsheet is tab-separated; some locales save with semicolons). A quote in
 * the middle of an unquoted field is kept as text, as spreadsheets do. An unterminated quote is an error.
 *
 * Writing (IO-12): a cell that a spreadsheet would run as a formula (it starts with = + - @, a tab or a
 * carriage return) gets a leading apostrophe, the OWASP advice against CSV injection; cells with the
 * delimiter, quotes or line breaks are quoted. Reading back through `unescapeCell` removes the apostrophe
 * again, so an exported list re-imports unchanged.
 */

export type CsvDelimiter = ',' | ';' | '\t';

export type CsvParse =
  | { ok: true; rows: string[][]; delimiter: CsvDelimiter }
  | { ok: false; line: number; message: string };

/** The delimiter of the first line, outside quotes: the most frequent of tab, semicolon and comma. */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  if (counts['\t'] > 0 && counts['\t'] >= counts[','] && counts['\t'] >= counts[';']) return '\t';
  if (counts[';'] > counts[',']) return ';';
  return ',';
}

export function parseCsv(input: string, delimiter?: CsvDelimiter): CsvParse {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const sep = delimiter ?? detectDelimiter(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let line = 1;
  let i = 0;
  let quotedStartLine = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '"' && field === '' && quotedStartLine === 0) {
      // A quoted field: read to the closing quote; "" is one quote.
      quotedStartLine = line;
      i++;
      for (;;) {
        if (i >= text.length)
          return { ok: false, line: quotedStartLine, message: 'a quoted field is never closed' };
        const c = text[i] as string;
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        field += c;
        i++;
      }
      continue;
    }
    if (ch === sep) {
      endField();
      quotedStartLine = 0;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      quotedStartLine = 0;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || row.length > 0) endRow();
  return { ok: true, rows, delimiter: sep };
}

/** Characters that make a spreadsheet treat a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undoes `escapeCell` for cells read back: an apostrophe before a formula character. */
export function unescapeCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

function quoteCell(value: string, sep: string): string {
  return value.includes(sep) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export type CsvCell = string | number | boolean | null | undefined;

/** Rows to CSV text: CRLF line ends (RFC 4180), every cell formula-safe. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<CsvCell>>, delimiter: CsvDelimiter = ','): string {
  return rows
    .map((row) =>
      row
        .map((cell) => {
          const text = cell === null || cell === undefined ? '' : String(cell);
          return quoteCell(escapeCell(text), delimiter);
        })
        .join(delimiter),
    )
    .join('\r\n')
    .concat('\r\n');
}
