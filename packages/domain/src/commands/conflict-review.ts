/**
 * Marking a step, template or rollout conflict as seen (MR-03, MR-06, MR-08, MR-09). The merge already chose a winner; the
 * review records that a person looked at it (and what they decided, in the note), and the conflict
 * stops being listed. Catalog conflicts have no review: they end when the data is fixed.
 */

import { z } from 'zod';
import { eventsOfSubject, newEvent } from '../history.ts';
import { idSchema } from '../ids.ts';
import { FIELD_LIMITS } from '../limits.ts';
import { type Conflict, listReleaseConflicts } from '../merge-conflicts.ts';
import { type CommandResult, ok, refuse } from '../result.ts';
import { checkText } from '../validation.ts';
import { defineCommand } from './define-command.ts';
import { editableRelease } from './guards.ts';
import { eventOp } from './step-support.ts';

export const reviewConflictInput = z.object({
  releaseId: idSchema('release'),
  conflictId: z.string().min(1),
  note: z.string().optional(),
});
export type ReviewConflictInput = z.input<typeof reviewConflictInput>;

export const reviewConflict = defineCommand({
  name: 'reviewConflict',
  input: reviewConflictInput,
  releaseId: (i) => i.releaseId,
  run(state, i, ctx): CommandResult<{ conflictId: string }> {
    const note = checkText(i.note?.trim() ?? '', 'note', FIELD_LIMITS.reason);
    if (!note.ok) return note;
    const got = editableRelease(state, i.releaseId);
    if (!got.ok) return got;
    const { doc } = got.value;
    const conflict = listReleaseConflicts(doc, state.catalog).find((c) => c.id === i.conflictId);
    if (!conflict) return refuse('conflict-not-found', 'conflictId');
    const subject = subjectOfConflict(conflict);
    if (!subject) return refuse('conflict-not-found', 'conflictId');
    const event = newEvent(ctx, {
      releaseId: doc.releaseId,
      kind: 'conflict-reviewed',
      stepId: subject.stepId,
      customerId: subject.customerId,
      templateId: subject.templateId,
      prior:
        subject.stepId || subject.templateId
          ? eventsOfSubject(doc.events, subject.stepId ?? subject.templateId ?? '')
          : [],
      detail: {
        conflict: conflict.id,
        conflictKind: conflict.kind,
        kept: conflict.kind === 'status-conflict' ? conflict.current : undefined,
        note: note.value || undefined,
      },
    });
    return ok({ ops: [eventOp(event)] }, { conflictId: conflict.id });
  },
});

function subjectOfConflict(c: Conflict) {
  switch (c.kind) {
    case 'status-conflict':
    case 'edit-vs-done':
      return { stepId: c.stepId, customerId: c.customerId, templateId: null };
    case 'edit-of-deleted-template':
      return { stepId: null, customerId: null, templateId: c.templateId };
    case 'done-while-closed':
      return { stepId: c.stepId, customerId: c.customerId, templateId: null };
    case 'gate-during-halt':
      // About the rollout as a whole: the review is a release event.
      return { stepId: null, customerId: null, templateId: null };
    default:
      return null;
  }
}
