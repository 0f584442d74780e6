/**
 * Reading content revisions (ST-09..ST-12): what a step that left pending shows and what it ran, from
 * the ids it keeps, with the legacy copies of older documents as the fallback (ST-11).
 *
 * A revision id can arrive before its revision: device B refers to a revision it got from device A, and
 * B's update reaches C before A's does. Until A's arrives the step shows what the rules below fall back
 * to (ST-12); commands never refer to a revision they do not have (commands/revision-writer.ts).
 */
import type { ContentFields, ContentRevision } from './entities/content-revision.ts';
import type { StepState } from './entities/step-state.ts';
import type { StepCategory, StepStatus } from './enums.ts';
import type { RevId } from './ids.ts';
import { fillValues } from './variables.ts';

export type Revisions = Readonly<Record<RevId, ContentRevision>>;

/** The revision of that id when this document has it. Own properties only: ids are data. */
export function revisionOf(revisions: Revisions, id: RevId | undefined): ContentRevision | undefined {
  return id !== undefined && Object.hasOwn(revisions, id) ? revisions[id] : undefined;
}

export function contentFieldsOf(x: ContentFields): ContentFields {
  return { name: x.name, category: x.category, type: x.type, content: x.content };
}

/** Same name, category, type and content: one revision can stand for the other. */
export function sameContent(a: ContentFields, b: ContentFields): boolean {
  return a.content === b.content && a.name === b.name && a.type === b.type && a.category === b.category;
}

/**
 * The revision a step that left pending shows (ST-02): a done step the one it ran, a skipped or
 * reverted step its snapshot (an edit of a skipped custom step moves the snapshot, ST-04); each falls
 * back to the other. Undefined when the step has neither here.
 */
export function frozenRevision(
  state: StepState | undefined,
  status: StepStatus,
  revisions: Revisions,
): ContentRevision | undefined {
  return chooseFrozen(
    status,
    revisionOf(revisions, state?.execution?.rev),
    revisionOf(revisions, state?.snapshotRev),
  );
}

/** ST-02's choice: a done step shows what it ran, a skipped or reverted one what it was snapshotted at. */
function chooseFrozen<T>(status: StepStatus, ran: T | undefined, snapshot: T | undefined): T | undefined {
  return status === 'done' ? (ran ?? snapshot) : (snapshot ?? ran);
}

/**
 * What a step that left pending shows, field by field: its revision, else the legacy copies. Fields
 * still missing are the caller's to fill from the pending rule (a merge of a reopen with a status change
 * can leave a step with neither), so a step never shows nothing.
 */
export function frozenFields(
  state: StepState | undefined,
  status: StepStatus,
  revisions: Revisions,
): Partial<ContentFields> {
  const rev = frozenRevision(state, status, revisions);
  if (rev) return contentFieldsOf(rev);
  const out: Partial<ContentFields> = {};
  if (state?.snapshotName !== undefined) out.name = state.snapshotName;
  if (state?.snapshotCategory !== undefined) out.category = state.snapshotCategory;
  if (state?.snapshotType !== undefined) out.type = state.snapshotType;
  if (state?.snapshotContent !== undefined) out.content = state.snapshotContent;
  return out;
}

/** Only the category of `frozenFields`, without building an object: progress counts every step (PR-07). */
export function frozenCategory(
  state: StepState | undefined,
  status: StepStatus,
  revisions: Revisions,
): StepCategory | undefined {
  return frozenRevision(state, status, revisions)?.category ?? state?.snapshotCategory;
}

/**
 * `frozenCategory` for many steps of one document: each revision's category is looked up once, since
 * the steps of a template share its revisions (progress counts 50,000 steps of a finished release).
 */
export function frozenCategoryReader(
  revisions: Revisions,
): (state: StepState, status: StepStatus) => StepCategory | undefined {
  const known = new Map<RevId, StepCategory | undefined>();
  const categoryOf = (id: RevId | undefined): StepCategory | undefined => {
    if (id === undefined) return undefined;
    const seen = known.get(id);
    if (seen !== undefined || known.has(id)) return seen;
    const category = revisionOf(revisions, id)?.category;
    known.set(id, category);
    return category;
  };
  return (state, status) =>
    chooseFrozen(status, categoryOf(state.execution?.rev), categoryOf(state.snapshotRev)) ??
    state.snapshotCategory;
}

/**
 * The content as executed (BR-R03, ST-10): the revision it ran filled with the values it ran with, or
 * the legacy copy. Null when the step never ran, or while the revision it ran has not arrived (ST-12).
 */
export function executedText(state: StepState | undefined, revisions: Revisions): string | null {
  const run = state?.execution;
  if (run) {
    const rev = revisionOf(revisions, run.rev);
    if (rev) return fillValues(rev.content, run.vars);
  }
  return state?.executedContent ?? null;
}

/** A pending step's own content and name (BR-S02): its override revision, else the legacy copies. */
export function overrideOf(
  state: StepState | undefined,
  revisions: Revisions,
): { content?: string; name?: string } {
  const rev = revisionOf(revisions, state?.overrideRev);
  if (rev) return rev.ownName ? { content: rev.content, name: rev.name } : { content: rev.content };
  const out: { content?: string; name?: string } = {};
  if (state?.overrideContent !== undefined) out.content = state.overrideContent;
  if (state?.overrideName !== undefined) out.name = state.overrideName;
  return out;
}

/** The revisions a step state refers to: what a store must load to resolve the step. */
export function revisionIdsOf(state: StepState | null | undefined): RevId[] {
  const out: RevId[] = [];
  if (state?.snapshotRev !== undefined) out.push(state.snapshotRev);
  if (state?.execution !== undefined) out.push(state.execution.rev);
  if (state?.overrideRev !== undefined) out.push(state.overrideRev);
  return out;
}
