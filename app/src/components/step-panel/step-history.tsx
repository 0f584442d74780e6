/**
 * HISTORY (FV-007, HI-01): every event of the step, oldest first, read from the same release
 * state as the step's status and notes (the panel's read-model view). When two devices changed the step apart
 * and disagreed (MR-03) the losing action stays here, flagged; "Mark reviewed" records that a person looked
 * at it (reviewConflict, MR-07).
 */
import {
  type Conflict,
  type DomainState,
  listReleaseConflicts,
  type ReleaseState,
  reviewConflict,
  type StepId,
  stepHistory,
} from '@runsheet/domain';
import { TriangleAlert } from 'lucide-react';
import { useMemo } from 'react';
import type { StepActionContext } from '@/actions/step-actions';
import { Button } from '@/components/ui/button';
import { attestationNote, useHistoryAttestations } from './history-attestations';
import { HistoryEntry } from './history-entry';

const CONFLICT_TEXT: Record<string, string> = {
  'status-conflict':
    'Two devices changed this step while apart and disagreed. The status shown won; the other action is flagged below.',
  'edit-vs-done':
    'The content was changed on one device while the step was marked done on another. The executed content was kept.',
  'done-while-closed':
    'Done while the wave was closed: this step was marked done or skipped on a device that did not know its wave was locked elsewhere. The work is kept; look at it, then mark it reviewed.',
};

export function StepHistory({
  ctx,
  state,
  version,
  history,
}: {
  ctx: StepActionContext;
  /** 'loading' while the release's history is still being read from storage (the document is not loaded). */
  history: 'ready' | 'loading';
  /** The release's state the panel shows the step from (its read-model view). */
  state: DomainState;
  /** Moves with every change of the release (its state is mutated in place). */
  version: number;
}) {
  const releaseDoc = state.releases[ctx.releaseId];
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` stands for the document's contents.
  const timeline = useMemo(
    () => (history === 'ready' ? stepHistory(state, ctx.releaseId, ctx.step.id) : null),
    [state, ctx.releaseId, ctx.step.id, version, history],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above.
  const conflicts = useMemo(
    () => (releaseDoc && history === 'ready' ? stepConflicts(releaseDoc, state, ctx.step.id) : []),
    [releaseDoc, ctx.step.id, version, history],
  );

  // SE-11c: who the server received each entry from; shown only where it differs from the named actor.
  const attestations = useHistoryAttestations(ctx.releaseId, timeline?.length ?? 0);

  const review = async (conflict: Conflict) => {
    const result = await ctx.run(reviewConflict, { releaseId: ctx.releaseId, conflictId: conflict.id });
    ctx.notify(
      result.ok
        ? { title: 'Conflict marked reviewed' }
        : { title: 'Not marked reviewed', description: result.error.message, variant: 'destructive' },
    );
  };

  return (
    <section aria-labelledby="step-history" className="grid gap-2">
      <h3 id="step-history" className="font-semibold text-muted-foreground text-xs uppercase tracking-wide">
        History
      </h3>
      {conflicts.map((c) => (
        <div
          key={c.id}
          data-testid="step-conflict"
          className="flex flex-wrap items-start gap-2 rounded-md border border-destructive p-3 text-sm"
        >
          <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 text-destructive" />
          <p className="min-w-0 flex-1">{CONFLICT_TEXT[c.kind] ?? 'A conflict needs a look.'}</p>
          {ctx.editable && (
            <Button size="sm" variant="outline" onClick={() => void review(c)}>
              Mark reviewed
            </Button>
          )}
        </div>
      ))}
      {timeline === null ? (
        <p className="text-muted-foreground text-sm">Loading history…</p>
      ) : timeline.length === 0 ? (
        <p className="text-muted-foreground text-sm">
          Nothing has happened to this step yet: it follows its{' '}
          {ctx.step.isCustom ? 'definition' : 'template'}.
        </p>
      ) : (
        <ol className="grid gap-2 border-l pl-4" data-testid="step-history">
          {timeline.map(({ event, flagged }) => (
            <HistoryEntry
              key={event.id}
              event={event}
              flagged={flagged}
              recordedAs={attestationNote(event, attestations)}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

const STEP_KINDS = new Set(['status-conflict', 'edit-vs-done', 'done-while-closed']);

/** The step's own clashes; the catalog lets a step done in a wave closed elsewhere be found (MR-09). */
function stepConflicts(doc: ReleaseState, state: DomainState, stepId: StepId): Conflict[] {
  return listReleaseConflicts(doc, state.catalog).filter(
    (c) => STEP_KINDS.has(c.kind) && 'stepId' in c && c.stepId === stepId,
  );
}
