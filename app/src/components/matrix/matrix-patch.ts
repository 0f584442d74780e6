/**
 * Patching a status matrix after step-state changes (the common case while running a release: one
 * click, one step): the few cells touched are read again in a copy of the typed arrays instead of
 * recomputing 50,000 cells. Anything else (templates, participants, custom steps) is a full recompute.
 */
import type { ReleaseChanges } from '@runsheet/doc';
import {
  ABSENT,
  CELL_HAS_NOTES,
  CELL_OVERRIDDEN,
  type DomainState,
  isOverridden,
  parseTemplateStepId,
  type StatusMatrix,
  type StepId,
  statusOf,
} from '@runsheet/domain';

const STATUS_CODE = { pending: 0, done: 1, skipped: 2, reverted: 3 } as const;

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
