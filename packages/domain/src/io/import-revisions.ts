/**
 * Content revisions in an import (ST-09, IO-05, IO-06). A revision never changes, so a merge only adds
 * the ones the workspace lacks; one that the workspace holds under the same id with other content is a
 * problem, not a merge. Templates, custom steps and step states name revisions by id: each must be in
 * the file or in the workspace, in the same release, or the step would show other content than it ran.
 */
import type { ReleaseId, RevId } from '../ids.ts';
import type { DomainState } from '../state.ts';
import type { Planner } from './import-plan-builder.ts';
import { sameJson } from './json-safety.ts';
import type { ProblemList } from './problems.ts';
import type { ImportFile } from './read.ts';

export function checkRevisions(state: DomainState, file: ImportFile, problems: ProblemList): void {
  const { data } = file;
  const inFile = new Set(data.revisions.map((r) => `${r.releaseId} ${r.id}`));
  const known = (releaseId: ReleaseId, id: RevId) =>
    inFile.has(`${releaseId} ${id}`) || Object.hasOwn(state.releases[releaseId]?.revisions ?? {}, id);
  for (const r of data.revisions) {
    const { id, releaseId, ...value } = r;
    const held = state.releases[releaseId]?.revisions[id];
    if (held && !sameJson(held, value)) {
      problems.add(
        file.where(r),
        'id-mismatch',
        `is a content revision this workspace holds with other content (${id}); revisions never change`,
      );
    }
  }
  const need = (record: object, field: string, releaseId: ReleaseId, id: RevId | undefined) => {
    if (id === undefined || known(releaseId, id)) return;
    problems.add(
      file.where(record, field),
      'unknown-reference',
      `names a content revision that is neither in the file nor in this workspace (${id})`,
    );
  };
  for (const t of data.templates) need(t, 'contentRev', t.releaseId, t.contentRev);
  for (const c of data.customSteps) need(c, 'contentRev', c.releaseId, c.contentRev);
  for (const s of data.stepStates) {
    need(s, 'snapshotRev', s.releaseId, s.snapshotRev);
    need(s, 'overrideRev', s.releaseId, s.overrideRev);
    need(s, 'execution', s.releaseId, s.execution?.rev);
  }
}

/** Adds the revisions the workspace lacks (after checkRevisions: the others are the same). */
export function planRevisions(p: Planner, file: ImportFile): void {
  const counts = p.plan.counts.revisions;
  for (const r of file.data.revisions) {
    const { id, releaseId, ...value } = r;
    if (p.doc(releaseId)?.revisions[id]) {
      counts.unchanged++;
      continue;
    }
    counts.added++;
    p.plan.added.push({
      collection: 'revisions',
      id,
      label: p.names.inRelease(releaseId, `content of ${value.name}`),
    });
    p.releaseOp({ doc: 'release', releaseId, op: 'put-revision', id, value });
  }
}
