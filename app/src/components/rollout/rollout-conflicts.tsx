/**
 * The rollout's clashes after a merge (MR-08, MR-09), listed until someone marks them reviewed (MR-07):
 * a sign-off made apart from a halt (the halt won), and steps done while their wave was closed elsewhere
 * (the work is kept).
 */
import {
  type Conflict,
  type DomainState,
  listReleaseConflicts,
  type ReleaseId,
  resolveStep,
  reviewConflict,
  type StepId,
} from '@runsheet/domain';
import { TriangleAlert } from 'lucide-react';
import { useMemo } from 'react';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/use-toast';
import { useReleaseView } from '@/data';
import { useWorkspace } from '@/state/workspace-context';

type RolloutConflict = Extract<Conflict, { kind: 'done-while-closed' | 'gate-during-halt' }>;

function describe(c: RolloutConflict, state: DomainState, waveName: (id: string | null) => string): string {
  if (c.kind === 'gate-during-halt')
    return `The gate of ${waveName(c.waveId)} was opened while the rollout was halted on another device: the halt won, it did not count.`;
  const step = resolveStep(state, c.releaseId, c.stepId as StepId);
  const customer = c.customerId ? state.catalog.customers[c.customerId]?.name : undefined;
  return `Done while the wave was closed: ${step?.name ?? 'a step'}${customer ? ` for ${customer}` : ''} (${waveName(c.waveId)}). The work is kept.`;
}

export function RolloutConflicts({
  releaseId,
  canReview,
  waveName,
}: {
  releaseId: ReleaseId;
  canReview: boolean;
  waveName: (id: string | null) => string;
}) {
  const view = useReleaseView(releaseId);
  const { run } = useWorkspace();
  const state = view.status === 'ready' && view.history === 'ready' ? view.state : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` stands for the mutable state.
  const conflicts = useMemo(() => {
    const doc = state?.releases[releaseId];
    if (!state || !doc) return [];
    return listReleaseConflicts(doc, state.catalog).filter(
      (c): c is RolloutConflict => c.kind === 'done-while-closed' || c.kind === 'gate-during-halt',
    );
  }, [state, view.version, releaseId]);
  if (!state || conflicts.length === 0) return null;

  const review = async (c: RolloutConflict) => {
    const result = await run(reviewConflict, { releaseId, conflictId: c.id });
    toast(
      result.ok
        ? { title: 'Conflict marked reviewed' }
        : { title: 'Not marked reviewed', description: result.error.message, variant: 'destructive' },
    );
  };

  return (
    <section aria-labelledby="rollout-conflicts" className="grid gap-2" data-testid="rollout-conflicts">
      <h2 id="rollout-conflicts" className="font-semibold text-lg">
        Clashes to review
      </h2>
      <ul className="grid gap-2">
        {conflicts.map((c) => (
          <li
            key={c.id}
            data-conflict={c.kind}
            className="flex flex-wrap items-start gap-2 rounded-md border border-destructive p-3 text-sm"
          >
            <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 text-destructive" />
            <p className="min-w-0 flex-1">{describe(c, state, waveName)}</p>
            {canReview && (
              <Button size="sm" variant="outline" onClick={() => void review(c)}>
                Mark reviewed
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
