/**
 * A real, labelled <textarea> over a highlighted copy of its own text (FS-005). The textarea holds the
 * value, the caret, selection, undo and every keyboard and assistive-technology behaviour; its glyphs
 * are painted transparent so the highlighted layer behind shows through. Both scroll together, and
 * neither wraps, so the line numbers stay aligned. Tab is left alone: it moves focus, as users expect.
 */
import { type ComponentProps, useRef } from 'react';
import { cn } from '@/lib/utils';
import { LANGUAGE_LABEL } from './code-block';
import { CopyButton } from './copy-button';
import { HighlightedCode, lineCount } from './highlighted-code';
import { LineNumbers } from './line-numbers';
import type { CodeLanguage } from './prism';

const MIN_ROWS = 6;
const MAX_ROWS = 20;

export interface CodeEditorProps
  extends Omit<ComponentProps<'textarea'>, 'value' | 'onChange' | 'defaultValue' | 'children'> {
  value: string;
  onChange: (value: string) => void;
  language: CodeLanguage;
  /** Names the copy button ("Copy content"). */
  copyWhat?: string;
}

// The textarea and the highlighted layer must share every metric that moves a glyph.
const METRICS = 'm-0 whitespace-pre px-3 py-3 font-mono text-xs leading-5 [tab-size:4]';

export function CodeEditor({
  value,
  onChange,
  language,
  copyWhat = 'content',
  className,
  ...props
}: CodeEditorProps) {
  const layer = useRef<HTMLPreElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const lines = lineCount(value);
  const rows = Math.min(MAX_ROWS, Math.max(MIN_ROWS, lines + 1));

  const follow = (area: HTMLTextAreaElement) => {
    if (layer.current) {
      layer.current.scrollTop = area.scrollTop;
      layer.current.scrollLeft = area.scrollLeft;
    }
    if (gutter.current) gutter.current.scrollTop = area.scrollTop;
  };

  return (
    <div
      className={cn(
        'rs-code overflow-hidden rounded-md border border-input focus-within:border-ring focus-within:ring-[3px] focus-within:ring-ring/50',
        className,
      )}
      data-code-type={language}
    >
      <div className="flex items-center justify-between gap-2 border-b px-3 py-1.5">
        <span className="rs-code-muted font-medium text-xs">{LANGUAGE_LABEL[language]}</span>
        <CopyButton text={value} what={copyWhat} />
      </div>
      <div className="flex">
        <div ref={gutter} className="overflow-hidden" style={{ height: `${rows * 1.25 + 1.5}rem` }}>
          <LineNumbers count={lines} />
        </div>
        <div className="relative min-w-0 flex-1">
          <pre
            ref={layer}
            aria-hidden="true"
            className={cn(METRICS, 'pointer-events-none absolute inset-0 overflow-hidden')}
          >
            {/* The extra line and padding let the layer scroll as far as the textarea can. */}
            <code className="inline-block pr-8 pb-8">
              <HighlightedCode code={value} language={language} />
              {'\n'}
            </code>
          </pre>
          <textarea
            {...props}
            value={value}
            rows={rows}
            wrap="off"
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            autoCorrect="off"
            onChange={(event) => onChange(event.target.value)}
            onScroll={(event) => follow(event.currentTarget)}
            className={cn(
              METRICS,
              'relative block w-full resize-none overflow-auto bg-transparent text-[color:var(--code-foreground)] caret-[color:var(--code-foreground)] outline-none [-webkit-text-fill-color:transparent]',
            )}
          />
        </div>
      </div>
    </div>
  );
}
