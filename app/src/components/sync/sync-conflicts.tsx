import type { Conflict } from '@runsheet/domain';
import { TriangleAlert } from 'lucide-react';
import { useWorkspace } from '@/state/workspace-context';
import { clashes, describeConflict } from '@/sync/conflict-list';

/** In the sync details: clashes from syncing that need a person, each in one sentence. */
export function SyncConflicts({ conflicts }: { conflicts: Conflict[] }) {
  const { local } = useWorkspace();
  if (conflicts.length === 0) return null;
  return (
    <section
      aria-labelledby="sync-conflicts-title"
      className="grid gap-1 border-t pt-3"
      data-testid="sync-conflicts"
    >
      <h3 id="sync-conflicts-title" className="flex items-center gap-1.5 font-medium">
        <TriangleAlert className="size-4 text-warning-foreground dark:text-warning" aria-hidden="true" />
        {clashes(conflicts.length)} to review
      </h3>
      <ul className="grid list-disc gap-1 pl-5 text-muted-foreground">
        {conflicts.map((conflict) => (
          <li key={conflict.id} data-conflict={conflict.kind}>
            {describeConflict(conflict, local.state)}
          </li>
        ))}
      </ul>
    </section>
  );
}
