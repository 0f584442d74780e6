import { cn } from '@/lib/utils';

/**
 * The gutter: one number per line, aligned with the code beside it (same font and line height, no
 * wrapping). Hidden from screen readers and from selection, so copying the code never copies numbers.
 */
export function LineNumbers({ count, className }: { count: number; className?: string }) {
  let text = '';
  for (let n = 1; n <= count; n++) text += n === count ? `${n}` : `${n}\n`;
  return (
    <pre
      aria-hidden="true"
      data-line-numbers={count}
      className={cn(
        'rs-code-gutter m-0 select-none whitespace-pre border-r py-3 pr-3 pl-3 text-right font-mono text-xs leading-5',
        className,
      )}
    >
      {text}
    </pre>
  );
}
