/** A unified diff of a template's content and a customer's override, for the report. */
import { createTwoFilesPatch } from 'diff';

const withNewline = (s: string) => (s.endsWith('\n') ? s : `${s}\n`);

export function unifiedDiff(before: string, after: string, beforeLabel: string, afterLabel: string): string {
  const patch = createTwoFilesPatch(
    beforeLabel,
    afterLabel,
    withNewline(before),
    withNewline(after),
    undefined,
    undefined,
    {
      context: 3,
    },
  );
  // The first line is a row of "=" that the diff package writes as a separator; it says nothing here.
  return patch.replace(/^=+\n/, '');
}
