/** A unified diff as text lines, marked by sign and colour both (never by colour alone). */
import { useId } from 'react';
import { cn } from '@/lib/utils';
import { unifiedDiff } from './diff.ts';

function lineClass(line: string): string {
  if (line.startsWith('+++') || line.startsWith('---')) return 'text-muted-foreground';
  if (line.startsWith('@@')) return 'text-muted-foreground';
  if (line.startsWith('+')) return 'bg-success/15';
  if (line.startsWith('-')) return 'bg-destructive/15';
  return '';
}

export function DiffView({
  before,
  after,
  afterLabel,
}: {
  before: string;
  after: string;
  afterLabel: string;
}) {
  const lines = unifiedDiff(before, after, 'template', afterLabel).replace(/\n$/, '').split('\n');
  const caption = useId();
  return (
    <figure aria-labelledby={caption}>
      <figcaption id={caption} className="sr-only">
        Template content compared with the override
      </figcaption>
      <pre className="overflow-x-auto whitespace-pre-wrap break-all rounded-md border bg-muted/40 p-3 font-mono text-xs">
        {lines.map((line, i) => (
          // Lines of a diff have no identity of their own; their position is what they are.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above.
          <span key={i} className={cn('block', lineClass(line))}>
            {line === '' ? ' ' : line}
          </span>
        ))}
      </pre>
    </figure>
  );
}
