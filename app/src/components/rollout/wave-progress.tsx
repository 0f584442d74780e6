/** A wave's progress: complete (done or skipped) of all its steps, as a progressbar that is read out. */
import type { Completion } from '@runsheet/domain';
import { stepCount } from '@/lib/count';

export function WaveProgress({ completion, label }: { completion: Completion; label: string }) {
  const { complete, total } = completion;
  const percent = total === 0 ? 100 : Math.floor((complete / total) * 100);
  const text = `${complete} of ${stepCount(total)} complete`;
  return (
    <div className="grid gap-1">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
        className="relative h-2 w-full overflow-hidden rounded-full bg-muted"
      >
        <div className="absolute inset-y-0 left-0 bg-success" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-muted-foreground text-xs">{text}</p>
    </div>
  );
}
