/**
 * Progress as the UI leads with it (docs/SPEC.md PR-*): complete = done + skipped, with done beside it.
 * A real progressbar role with a text value, so it is read out, not only seen.
 */
import type { Progress } from '@runsheet/domain';
import { count } from '@/lib/count';
import { cn } from '@/lib/utils';

export function ProgressBar({
  progress,
  label,
  className,
  compact = false,
}: {
  progress: Progress;
  label: string;
  className?: string;
  compact?: boolean;
}) {
  const { completePercent, donePercent, done, skipped, total } = progress;
  const text = `${completePercent}% complete (${done} done, ${skipped} skipped of ${total})`;
  return (
    <div className={cn('grid gap-1', className)}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={completePercent}
        aria-valuetext={text}
        className="relative h-2 w-full overflow-hidden rounded-full bg-muted"
      >
        {/* Done in full colour, skipped in a lighter band after it: complete = both. */}
        <div className="absolute inset-y-0 left-0 bg-success" style={{ width: `${donePercent}%` }} />
        <div
          className="absolute inset-y-0 bg-success/40"
          style={{ left: `${donePercent}%`, width: `${Math.max(0, completePercent - donePercent)}%` }}
        />
      </div>
      {!compact && (
        <p className="text-muted-foreground text-xs">
          <span className="font-medium text-foreground">{completePercent}%</span> complete · {donePercent}%
          done
          {skipped > 0 ? ` · ${skipped} skipped` : ''} · {count(total, 'step')}
        </p>
      )}
    </div>
  );
}
