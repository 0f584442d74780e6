/**
 * Making people's text safe in Markdown. Everything typed into Runsheet (names, reasons, notes, step
 * content) is text, never markup: a release named `**v2** <script>` must show exactly those characters
 * and must not become bold, a link, a table column or HTML in whatever renders the file.
 */

/**
 * Characters that start markup anywhere in a line: emphasis, code, links and images (`[`), HTML and
 * autolinks (`<`), entities (`&`), table cells (`|`), strikethrough (`~`), and the escape itself.
 * Others (`#`, `-`, `1.`, `>`) only mean something at the start of a line; see mdText.
 */
const INLINE_SPECIAL = /[\\`*_[\]<>|~&]/g;
const BLOCK_MARK = /^(\s*)([#>+=-])/;
const LIST_NUMBER = /^(\s*)(\d+)([.)])/;

/** Text for one line of Markdown (a heading, a list item, a table cell): escaped, line breaks as spaces. */
export function mdText(value: string): string {
  return value
    .replace(/\r\n?|\n/g, ' ')
    .replace(INLINE_SPECIAL, (c) => `\\${c}`)
    .replace(BLOCK_MARK, '$1\\$2')
    .replace(LIST_NUMBER, '$1$2\\$3');
}

/** A fenced code block that no content can close early: the fence is longer than any backtick run in it. */
export function mdFence(content: string, info = ''): string {
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const body = content.endsWith('\n') ? content : `${content}\n`;
  return `${fence}${info}\n${body}${fence}`;
}

/** A table row; each cell already escaped with mdText (which escapes `|`). */
export function mdRow(cells: readonly string[]): string {
  return `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
}

export function mdTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return [mdRow(header.map(mdText)), mdRow(header.map(() => '---')), ...rows.map(mdRow)].join('\n');
}
