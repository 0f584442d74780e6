/**
 * The status matrix of an open release, kept current change by change. A status change (the common case
 * while running a release: one click, one step) patches the few cells it touched in a copy of the typed
 * arrays instead of recomputing 50,000 cells; anything else (templates, participants, custom steps, the
 * catalog) recomputes the whole matrix with the domain's stepStatusMatrix, so the domain stays the one
 * definition of what a cell shows.
 */
import type { ReleaseChanges } from '@runsheet/doc';
import {
  ABSENT,
  CELL_HAS_NOTES,
  CELL_OVERRIDDEN,
  type ClusterId,
  type DomainState,
  isOverridden,
  parseTemplateStepId,
  type ReleaseId,
  type StatusMatrix,
  type StepId,
  statusOf,
  stepStatusMatrix,
} from '@runsheet/domain';
import { useEffect, useMemo, useRef } from 'react';
import { type ReleaseRead, useReadModel } from '@/data';

const STATUS_CODE = { pending: 0, done: 1, skipped: 2, reverted: 3 } as const;

interface Pending {
  /** Something other than step states changed: recompute everything. */
  full: boolean;
  steps: Set<StepId>;
}

/** Only step states of template steps changed: cells can be patched in place. */
export function patchable(
  changes: Pick<ReleaseChanges, 'templates' | 'participants' | 'customSteps'>,
): boolean {
  return (
    changes.templates.length === 0 && changes.participants.length === 0 && changes.customSteps.length === 0
  );
}

/** A copy of `m` with the cells of `steps` read again from the state. Null when a step is not a cell. */
export function patchMatrix(
  m: StatusMatrix,
  state: DomainState,
  steps: Iterable<StepId>,
): StatusMatrix | null {
  const doc = state.releases[m.releaseId];
  if (!doc) return null;
  const rowOf = new Map(m.rows.map((r, i) => [r.templateId, i]));
  const colOf = new Map(m.columns.map((c, i) => [c.customerId, i]));
  const status = m.status.slice();
  const flags = m.flags.slice();
  const width = m.columns.length;
  for (const stepId of steps) {
    const pair = parseTemplateStepId(stepId);
    if (!pair) return null; // a custom step: its list is rebuilt by a full pass
    const col = colOf.get(pair.customerId);
    if (col === undefined) continue; // a customer this matrix does not show (filtered out)
    const row = rowOf.get(pair.templateId);
    const template = doc.templates[pair.templateId];
    if (row === undefined || !template) return null;
    const s = doc.stepStates[stepId];
    const st = statusOf(s);
    const at = row * width + col;
    if (template.deletedAt !== null && st === 'pending') {
      status[at] = ABSENT;
      flags[at] = 0;
      continue;
    }
    status[at] = STATUS_CODE[st];
    flags[at] = (isOverridden(s) ? CELL_OVERRIDDEN : 0) | (s?.notes ? CELL_HAS_NOTES : 0);
  }
  return { ...m, status, flags };
}

/**
 * The release's matrix from its read-model view (undefined while it loads), patched change by change:
 * the first paint comes from whatever source the view has (the stored copy of the release, or its
 * document), and a source switch recomputes it.
 */
export function useLiveMatrix(
  view: ReleaseRead,
  releaseId: ReleaseId,
  clusterId: ClusterId | undefined,
): StatusMatrix | undefined {
  const model = useReadModel();
  const pending = useRef<Pending>({ full: true, steps: new Set() });
  const last = useRef<{ matrix: StatusMatrix; clusterId: ClusterId | undefined } | null>(null);

  useEffect(() => {
    pending.current.full = true;
    return model.subscribeChanges(releaseId, (change) => {
      const p = pending.current;
      if (change.kind !== 'release') p.full = true;
      else {
        if (!patchable(change)) p.full = true;
        for (const id of change.stepStates) p.steps.add(id);
      }
    });
  }, [model, releaseId]);

  const state = view.status === 'ready' ? view.state : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` stands for the mutable state.
  return useMemo(() => {
    if (!state) return undefined;
    const p = pending.current;
    const prev = last.current;
    let matrix: StatusMatrix | null = null;
    if (prev && !p.full && prev.clusterId === clusterId && prev.matrix.releaseId === releaseId) {
      matrix = p.steps.size === 0 ? prev.matrix : patchMatrix(prev.matrix, state, p.steps);
    }
    matrix ??= stepStatusMatrix(state, releaseId, { clusterId });
    pending.current = { full: false, steps: new Set() };
    last.current = { matrix, clusterId };
    return matrix;
  }, [state, view.version, releaseId, clusterId]);
}
