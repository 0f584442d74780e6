/** "Halted by X: reason" under a release's title while its rollout is halted (WV-08). */
import type { ReleaseId } from '@runsheet/domain';
import { OctagonPause } from 'lucide-react';
import { useRolloutHalt } from '@/data';

export function HaltNotice({ releaseId }: { releaseId: ReleaseId }) {
  const halt = useRolloutHalt(releaseId);
  if (!halt) return null;
  return (
    <p
      className="-mt-3 mb-6 flex items-center gap-2 rounded-md border border-warning bg-warning/15 px-3 py-2 text-sm"
      data-testid="release-halted"
    >
      <OctagonPause className="size-4 shrink-0" aria-hidden="true" />
      <span>
        Halted by {halt.byName}: {halt.reason}
      </span>
    </p>
  );
}
