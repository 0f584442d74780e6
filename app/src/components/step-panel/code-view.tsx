/**
 * Step content with Prism highlighting and line numbers (FS-005, technical-spec §6.6). Tokens are React
 * text nodes, so hostile content (`<script>`, `<img onerror>`) is shown as the text it is. Filled-in
 * variables are tinted; variables that could not be filled are marked as errors, with the reason.
 */
import type { StepType } from '@runsheet/domain';
import { useMemo } from 'react';
import { cn } from '@/lib/utils';
import { codeLines, type Mark, type Segment } from './code-lines';

const TOKEN_CLASSES: Record<string, string> = {
  comment: 'text-muted-foreground italic',
  prolog: 'text-muted-foreground',
  keyword: 'font-semibold text-primary',
  builtin: 'font-semibold text-primary',
  function: 'text-primary',
  boolean: 'text-primary',
  number: 'text-primary',
  variable: 'text-primary',
  string: 'text-success',
  char: 'text-success',
  'attr-value': 'text-success',
  operator: 'text-muted-foreground',
  punctuation: 'text-muted-foreground',
};

function tokenClass(tokens: readonly string[]): string | undefined {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const cls = TOKEN_CLASSES[tokens[i] as string];
    if (cls) return cls;
  }
  return undefined;
}

function SegmentView({ segment }: { segment: Segment }) {
  const cls = tokenClass(segment.tokens);
  if (!segment.mark) return cls ? <span className={cls}>{segment.text}</span> : segment.text;
  const unknown = segment.mark.kind === 'unknown';
  return (
    <mark
      title={segment.mark.note}
      data-variable={segment.mark.kind}
      className={cn(
        'rounded-sm px-0.5',
        unknown
          ? 'bg-destructive font-semibold text-destructive-foreground underline decoration-wavy'
          : 'bg-primary/15 text-foreground',
      )}
    >
      {segment.text}
    </mark>
  );
}

export interface CodeViewProps {
  code: string;
  type: StepType;
  marks?: readonly Mark[];
  /** Names the scrollable region for screen readers ("Content for Acme (prod-eu / acme-prod)"). */
  label: string;
  className?: string;
}

export function CodeView({ code, type, marks = [], label, className }: CodeViewProps) {
  const lines = useMemo(() => codeLines(code, type, marks), [code, type, marks]);
  const digits = String(lines.length).length;
  return (
    <figure className={cn('m-0 min-w-0', className)}>
      <figcaption className="sr-only">{label}</figcaption>
      <pre
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1).
        tabIndex={0}
        data-testid="step-content"
        className={cn(
          'max-h-96 overflow-auto rounded-md border bg-card py-2 font-mono text-card-foreground text-xs leading-5',
        )}
      >
        <code className="block min-w-fit">
          {lines.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity but their number.
            <span key={i} className="flex">
              <span
                aria-hidden="true"
                className="sticky left-0 shrink-0 select-none border-r bg-card pr-3 pl-3 text-right text-muted-foreground"
                style={{ width: `${digits + 2.5}ch` }}
              >
                {i + 1}
              </span>
              <span className="whitespace-pre pr-4 pl-3">
                {line.map((segment, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: segments of a line are positional.
                  <SegmentView key={j} segment={segment} />
                ))}
                {'\n'}
              </span>
            </span>
          ))}
        </code>
      </pre>
    </figure>
  );
}
