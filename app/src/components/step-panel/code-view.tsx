/**
 * Step content for one customer: the shared code look (components/code: `rs-code` surface, Prism token
 * colours, line-number gutter) plus what CodeBlock does not know — the variables. Filled-in values are
 * tinted; variables that could not be filled are marked as errors with the reason (VR-03). Tokens are
 * React text nodes, so hostile content (`<script>`, `<img onerror>`) shows as the text it is.
 *
 * Copy and Download are not in here: they are the step's named actions, rendered beside the customer's
 * cluster / namespace by the panel.
 */
import { Fragment, type ReactNode, useMemo } from 'react';
import { LANGUAGE_LABEL } from '@/components/code/code-block';
import { lineCount } from '@/components/code/highlighted-code';
import { LineNumbers } from '@/components/code/line-numbers';
import type { CodeLanguage } from '@/components/code/prism';
import { cn } from '@/lib/utils';
import { codeSegments, type Mark, type Segment } from './code-segments';

function Token({ segment }: { segment: Segment }): ReactNode {
  return segment.kind ? <span className={`token ${segment.kind}`}>{segment.text}</span> : segment.text;
}

/** Consecutive segments of one variable become one <mark> (a variable spans several Prism tokens). */
function groupByMark(segments: readonly Segment[]): { mark?: Mark; segments: Segment[] }[] {
  const groups: { mark?: Mark; segments: Segment[] }[] = [];
  for (const segment of segments) {
    const last = groups[groups.length - 1];
    if (last && last.mark !== undefined && last.mark === segment.mark) last.segments.push(segment);
    else groups.push({ ...(segment.mark ? { mark: segment.mark } : {}), segments: [segment] });
  }
  return groups;
}

function MarkView({ mark, children }: { mark: Mark; children: ReactNode }) {
  const unknown = mark.kind === 'unknown';
  return (
    <mark
      title={mark.note}
      data-variable={mark.kind}
      className={cn(
        'rounded-sm px-0.5',
        unknown
          ? 'bg-destructive font-semibold text-destructive-foreground underline decoration-wavy [&_.token]:text-destructive-foreground!'
          : 'bg-primary/15 text-inherit',
      )}
    >
      {children}
      {unknown && <span className="sr-only"> (error: {mark.note})</span>}
    </mark>
  );
}

export interface CodeViewProps {
  code: string;
  type: CodeLanguage;
  marks?: readonly Mark[];
  /** What it is, for screen readers ("Content of Deploy app for Acme (prod-eu / acme-prod)"). */
  label: string;
  className?: string;
}

export function CodeView({ code, type, marks = [], label, className }: CodeViewProps) {
  const groups = useMemo(() => groupByMark(codeSegments(code, type, marks)), [code, type, marks]);
  return (
    <figure
      className={cn('rs-code m-0 min-w-0 overflow-hidden rounded-md border', className)}
      data-code-type={type}
    >
      <figcaption className="flex items-center justify-between gap-2 border-b px-3 py-1.5 text-xs">
        <span className="rs-code-muted font-medium">{LANGUAGE_LABEL[type]}</span>
        <span className="sr-only">{label}</span>
      </figcaption>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1). */}
      <div tabIndex={0} data-code-scroll="" className="flex max-h-96 overflow-auto">
        {type !== 'text' && <LineNumbers count={lineCount(code)} className="sticky left-0" />}
        <pre
          data-testid="step-content"
          className={cn(
            'm-0 flex-1 whitespace-pre px-3 py-3 font-mono text-xs leading-5',
            type === 'text' && 'whitespace-pre-wrap break-words',
          )}
        >
          <code>
            {groups.map((group, i) => {
              const tokens = group.segments.map((segment, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and rebuilt together.
                <Token key={j} segment={segment} />
              ));
              return group.mark ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: as above.
                <MarkView key={i} mark={group.mark}>
                  {tokens}
                </MarkView>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: as above.
                <Fragment key={i}>{tokens}</Fragment>
              );
            })}
          </code>
        </pre>
      </div>
    </figure>
  );
}
