/**
 * "View original" of an overridden step (BR-S02): the template's content and, line by line, how this
 * customer's override differs from it. Additions and removals carry a +/− sign and a word for screen
 * readers, not colour alone.
 */
import { diffLines } from 'diff';
import { useMemo } from 'react';
import { cn } from '@/lib/utils';

/** Both sides end with a newline, so a last line is not "changed" only because one side lacks it. */
const withEol = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

export function ContentDiff({ original, changed }: { original: string; changed: string }) {
  const parts = useMemo(() => diffLines(withEol(original), withEol(changed)), [original, changed]);
  return (
    <figure className="m-0 min-w-0">
      <figcaption className="sr-only">Differences between the template and this override</figcaption>
      <pre
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1).
        tabIndex={0}
        data-testid="content-diff"
        className="max-h-72 overflow-auto rounded-md border bg-card py-2 font-mono text-card-foreground text-xs leading-5"
      >
        {parts.flatMap((part, i) => {
          const sign = part.added ? '+' : part.removed ? '−' : ' ';
          const word = part.added ? 'added' : part.removed ? 'removed' : 'unchanged';
          const lines = part.value.replace(/\n$/, '').split('\n');
          return lines.map((line, j) => (
            <span
              // biome-ignore lint/suspicious/noArrayIndexKey: diff lines are positional.
              key={`${i}-${j}`}
              data-diff={word}
              className={cn(
                'block whitespace-pre px-3',
                part.added && 'bg-success/15',
                part.removed && 'bg-destructive/10',
              )}
            >
              <span aria-hidden="true" className="mr-2 inline-block w-3 select-none text-muted-foreground">
                {sign}
              </span>
              {word !== 'unchanged' && <span className="sr-only">{word}: </span>}
              {line}
            </span>
          ));
        })}
      </pre>
    </figure>
  );
}
