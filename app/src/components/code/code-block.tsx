/**
 * Step content, read-only (FS-005): bash and SQL highlighted, text as plain text,
 * line numbers, and a copy button. `context` sits beside the copy button: the step panel puts the
 * customer's cluster / namespace there, so nobody copies a script for the wrong tenant.
 */
import type { ReactNode } from 'react';
import { cn } from '@/lib/utils';
import { CopyButton } from './copy-button';
import { HighlightedCode, lineCount } from './highlighted-code';
import { LineNumbers } from './line-numbers';
import type { CodeLanguage } from './prism';

export const LANGUAGE_LABEL: Record<CodeLanguage, string> = { bash: 'Bash', sql: 'SQL', text: 'Text' };

export interface CodeBlockProps {
  code: string;
  type: CodeLanguage;
  /** What the code is, e.g. the step name: names the scroll area and the copy button. */
  label: string;
  showLineNumbers?: boolean;
  context?: ReactNode;
  className?: string;
}

export function CodeBlock({ code, type, label, showLineNumbers = true, context, className }: CodeBlockProps) {
  return (
    <div className={cn('rs-code overflow-hidden rounded-md border', className)} data-code-type={type}>
      <div className="flex flex-wrap items-center justify-between gap-2 border-b px-3 py-1.5">
        <span className="rs-code-muted font-medium text-xs">{LANGUAGE_LABEL[type]}</span>
        <span className="flex flex-wrap items-center gap-2">
          {context}
          <CopyButton text={code} what={label} />
        </span>
      </div>
      {/* Focusable so a keyboard can scroll long lines and long scripts; focusing it reads the code. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1). */}
      <div tabIndex={0} data-code-scroll="" className="flex max-h-96 overflow-auto">
        {/* Text is prose: it wraps, so numbered lines would not line up with what is shown. */}
        {showLineNumbers && type !== 'text' && (
          <LineNumbers count={lineCount(code)} className="sticky left-0" />
        )}
        <pre
          className={cn(
            'm-0 flex-1 whitespace-pre px-3 py-3 font-mono text-xs leading-5',
            type === 'text' && 'whitespace-pre-wrap break-words',
          )}
        >
          <code>
            <HighlightedCode code={code} language={type} />
          </code>
        </pre>
      </div>
    </div>
  );
}
