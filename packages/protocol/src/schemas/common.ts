import { z } from 'zod';

/** The one shape of every error answer: a stable code for programs, a sentence for people, maybe a field. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable, for programs (`invalid-body`, `step-already-done`, …)' }),
      message: z.string().meta({ description: 'For people' }),
      field: z.string().optional().meta({ description: 'The request field the error is about' }),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** `nextCursor`: pass it back as `?cursor=` for the next page; null on the last page. */
export const nextCursor = z
  .string()
  .nullable()
  .meta({ description: 'The next page’s cursor; null on the last page' });

/** `?limit=`: a whole number from 1 to `max`; absent means `fallback`. */
export function limitParam(max: number, fallback: number) {
  const message = `use a whole number from 1 to ${max}`;
  return (
    z
      .string()
      // `[0-9]`, not `\d`: a fuzzer's regular-expression engine reads `\d` as any Unicode digit.
      .regex(/^[0-9]{1,7}$/, { error: message })
      .transform(Number)
      .pipe(z.number().int().min(1, { error: message }).max(max, { error: message }))
      .default(fallback)
      // The query string carries text; the document states the number it must spell.
      .meta({
        description: `Page size, 1 to ${max} (default ${fallback}).`,
        type: 'integer',
        minimum: 1,
        maximum: max,
      } as Record<string, unknown>)
  );
}

/**
 * Every character JavaScript's `trim()` removes, spelled out: the document states "not only blanks" as a
 * pattern, and other regular expression engines (a client's, a fuzzer's) disagree with JavaScript about
 * what `\s` means.
 */
const JS_BLANKS = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
const NOT_BLANK = new RegExp(`[^${JS_BLANKS}]`);

/** Text with at least one character that is not blank, trimmed; at most `max` characters as sent. */
export function nonBlankText(max: number, blankMessage: string) {
  return z
    .string()
    .max(max)
    .regex(NOT_BLANK, { error: blankMessage })
    .transform((value) => value.trim());
}
