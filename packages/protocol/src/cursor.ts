/**
 * Pagination cursors. A cursor is the sort key of the last item of a page, written as text: the next page
 * starts after that key. Each list states the kinds of its key's parts, and the `?cursor=` schema states
 * the exact pattern they make, so that EVERY text the pattern allows is a key. A client (or a fuzzer) that
 * sends any cursor the document allows gets a page, never a refusal; an edited or foreign cursor only
 * starts elsewhere in the list's order. Anything outside the pattern is `invalid-cursor`.
 *
 * Parts are joined by `.`: a whole number (`int`) as decimal digits, a text (`text`) as the hexadecimal of
 * its UTF-16 code units, four digits each. Hexadecimal rather than base64 because every run of digits of
 * the right length decodes to a string, and back to the same digits, for any string at all (lone
 * surrogates included), with no encoder the browser or Node has to lend.
 */
import { z } from 'zod';

export type CursorPart = 'int' | 'text';
type PartValue<P extends CursorPart> = P extends 'int' ? number : string;
/** A decoded key: a number for each `int` part, a string for each `text` part. */
export type CursorKey<Parts extends readonly CursorPart[]> = {
  -readonly [I in keyof Parts]: PartValue<Parts[I]>;
};

/** Far above any real key (ids, names at their field limits): it bounds the work a cursor can cause. */
export const MAX_CURSOR_LENGTH = 4096;

/** `[0-9]`, not `\d`: other regular-expression engines (a fuzzer's) read `\d` as any Unicode digit. */
const PART_SOURCES: Record<CursorPart, string> = {
  int: '-?[0-9]{1,16}',
  text: '(?:[0-9a-f]{4})*',
};

/** The pattern of a list's cursors, anchored: what the document states and the server checks. */
export function cursorPattern(parts: readonly CursorPart[]): string {
  return `^${parts.map((part) => PART_SOURCES[part]).join('\\.')}$`;
}

function encodeText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += text.charCodeAt(i).toString(16).padStart(4, '0');
  return out;
}

function decodeText(hex: string): string {
  let out = '';
  for (let i = 0; i < hex.length; i += 4)
    out += String.fromCharCode(Number.parseInt(hex.slice(i, i + 4), 16));
  return out;
}

/** The cursor of `key`. Numbers must be whole (they are times, ids and positions). */
export function encodeCursor(key: ReadonlyArray<string | number>): string {
  return key
    .map((part) => {
      if (typeof part === 'string') return encodeText(part);
      if (!Number.isSafeInteger(part)) throw new Error(`A cursor's number must be a safe integer: ${part}`);
      return String(part === 0 ? 0 : part);
    })
    .join('.');
}

/** The key of a cursor that matches `cursorPattern(parts)` (the query schema checks that first). */
export function decodeCursor<const Parts extends readonly CursorPart[]>(
  text: string,
  parts: Parts,
): CursorKey<Parts> {
  const pieces = text.split('.');
  return parts.map((part, i) =>
    part === 'int' ? Number(pieces[i]) : decodeText(pieces[i] ?? ''),
  ) as CursorKey<Parts>;
}

/**
 * `?cursor=`: the `nextCursor` of the previous page, passed back as given. Decoded into the list's key
 * (`parts`), so a handler receives a key, never text.
 */
export function cursorParam<const Parts extends readonly CursorPart[]>(parts: Parts) {
  const pattern = cursorPattern(parts);
  return (
    z
      .string()
      .max(MAX_CURSOR_LENGTH)
      .regex(new RegExp(pattern))
      .transform((text) => decodeCursor(text, parts))
      .optional()
      // The handler gets the decoded key; the document states the text a client sends.
      .meta({
        description: 'The `nextCursor` of the previous page, as given.',
        type: 'string',
        maxLength: MAX_CURSOR_LENGTH,
        pattern,
      } as Record<string, unknown>)
  );
}
