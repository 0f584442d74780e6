import type { Progress } from '@runsheet/domain';
import { ProgressBar } from '@/components/progress/progress-bar';

/** A customer's progress in one release, in a table cell: the bar and the complete % (PR-02). */
export function ProgressCell({ progress, label }: { progress: Progress | undefined; label: string }) {
  if (!progress) return <span className="text-muted-foreground text-xs">not in this release</span>;
  if (progress.total === 0) return <span className="text-muted-foreground text-xs">no steps yet</span>;
  return (
    <div className="flex min-w-32 items-center gap-2">
      <ProgressBar progress={progress} label={label} compact className="flex-1" />
      <span className="w-10 text-right text-xs tabular-nums">{progress.completePercent}%</span>
    </div>
  );
}
