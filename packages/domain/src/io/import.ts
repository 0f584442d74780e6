/**
 * Importing a workspace file: into an empty workspace it is a restore, into a used one a merge. Either
 * way it is ONE command that checks everything first and returns one change (ops on the catalog and on
 * each release document) or a refusal: an import never half-applies (IO-05).
 *
 * Merge rules (IO-06): ids are kept, so the same file twice adds nothing. A record the workspace lacks
 * is added. A record both have is changed field by field to the file's values, unless the workspace's
 * copy is newer (`updatedAt`): then the workspace keeps it and the preview says so. Participants and
 * history events are unions (events of the file the workspace lacks are appended in file order). Fields
 * the workspace has and the file lacks are kept, except in a step state the file replaces: its fields
 * belong together (a status with its reason and snapshot).
 *
 * Precondition: every release document of the workspace is loaded in `state.releases`.
 */
import { applyChange } from '../apply.ts';
import type { Change, Op } from '../change.ts';
import type { CommandContext } from '../context.ts';
import { listConflicts } from '../merge-conflicts.ts';
import { type CommandResult, fail, ok } from '../result.ts';
import type { DomainState } from '../state.ts';
import { appendAll } from './append.ts';
import type { ImportPlan } from './import-plan.ts';
import { Planner } from './import-plan-builder.ts';
import { planCatalog, planReleaseDocs } from './import-planner.ts';
import { checkRevisions } from './import-revisions.ts';
import { Names } from './labels.ts';
import { ProblemList } from './problems.ts';
import type { ImportFile } from './read.ts';

export * from './import-plan.ts';

export function isEmptyWorkspace(state: DomainState): boolean {
  const c = state.catalog;
  return (
    Object.keys(c.clusters).length === 0 &&
    Object.keys(c.customers).length === 0 &&
    Object.keys(c.releases).length === 0
  );
}

/** Dangling references: a record that points at something neither the file nor the workspace has. */
function checkReferences(state: DomainState, file: ImportFile, problems: ProblemList): void {
  const { data } = file;
  const clusters = new Set<string>([
    ...Object.keys(state.catalog.clusters),
    ...data.clusters.map((c) => c.id),
  ]);
  const customers = new Set<string>([
    ...Object.keys(state.catalog.customers),
    ...data.customers.map((c) => c.id),
  ]);
  const releases = new Set<string>([
    ...Object.keys(state.catalog.releases),
    ...data.releases.map((r) => r.id),
  ]);
  const need = (record: object, field: string, id: string, known: Set<string>, what: string) => {
    if (!known.has(id)) {
      problems.add(
        file.where(record, field),
        'unknown-reference',
        `names a ${what} that is neither in the file nor in this workspace (${id})`,
      );
    }
  };
  for (const c of data.customers) need(c, 'clusterId', c.clusterId, clusters, 'cluster');
  for (const r of data.revisions) need(r, 'releaseId', r.releaseId, releases, 'release');
  for (const t of data.templates) need(t, 'releaseId', t.releaseId, releases, 'release');
  for (const p of data.participants) {
    need(p, 'releaseId', p.releaseId, releases, 'release');
    need(p, 'customerId', p.customerId, customers, 'customer');
  }
  for (const s of data.customSteps) {
    need(s, 'releaseId', s.releaseId, releases, 'release');
    need(s, 'customerId', s.customerId, customers, 'customer');
  }
  for (const s of data.stepStates) need(s, 'releaseId', s.releaseId, releases, 'release');
  for (const e of data.events) need(e, 'releaseId', e.releaseId, releases, 'release');
  for (const w of data.waves) need(w, 'releaseId', w.releaseId, releases, 'release');
  const waves = new Set<string>(data.waves.map((w) => w.id));
  for (const doc of Object.values(state.releases))
    for (const id of Object.keys(doc?.waves ?? {})) waves.add(id);
  for (const m of data.waveMembers) {
    need(m, 'releaseId', m.releaseId, releases, 'release');
    need(m, 'customerId', m.customerId, customers, 'customer');
    need(m, 'waveId', m.waveId, waves, 'wave');
  }
}

/**
 * Everything the import would do, without doing it: the preview the user confirms, and the change that
 * `importWorkspace` returns. Problems make the change empty.
 */
export function planImport(state: DomainState, file: ImportFile): { plan: ImportPlan; change: Change } {
  const names = new Names(state, file.data);
  const planner = new Planner(state, names, isEmptyWorkspace(state) ? 'restore' : 'merge');
  const problems = new ProblemList();
  checkReferences(state, file, problems);
  checkRevisions(state, file, problems);
  if (!problems.isEmpty) {
    planner.plan.problems = problems.items;
    planner.plan.totalProblems = problems.total;
    return { plan: planner.plan, change: { ops: [] } };
  }
  planCatalog(planner, state, file);
  planReleaseDocs(planner, file);
  const ops: Op[] = [...planner.catalogOps];
  for (const list of planner.releaseOps.values()) appendAll(ops, list);
  const change: Change = { ops };
  if (ops.length > 0) {
    const before = new Set(listConflicts(state).map((c) => c.id));
    for (const c of listConflicts(applyChange(state, change))) {
      if (!before.has(c.id))
        planner.plan.conflicts.push({ kind: c.kind, id: c.id, message: names.conflict(c) });
    }
  }
  return { plan: planner.plan, change };
}

/**
 * IO-05: the import as one command through the one write path. Refused as a whole when the file has a
 * problem; the value is the plan that was carried out.
 */
export function importWorkspace(
  state: DomainState,
  file: ImportFile,
  _ctx: CommandContext,
): CommandResult<ImportPlan> {
  const { plan, change } = planImport(state, file);
  if (plan.totalProblems > 0) {
    return fail(
      'import-invalid',
      `${plan.totalProblems} problem(s) in the file; nothing was imported.`,
      undefined,
      {
        problems: plan.totalProblems,
      },
    );
  }
  return ok(change, plan);
}
