/**
 * Content revisions in the workspace file (format version 2, ST-09): exported with their release,
 * restored before what names them, merged as immutable records, and version-1 files with copies instead
 * of revisions still read (ST-11).
 */
import { describe, expect, it } from 'vitest';
import {
  applyChange,
  type DomainState,
  emptyState,
  exportWorkspace,
  type ImportFile,
  importWorkspace,
  planImport,
  type ReleaseId,
  readWorkspaceFile,
  resolveReleaseSteps,
  serializeWorkspace,
  testContext,
} from '../../src/index.ts';
import { richWorld } from './fixtures.ts';

const NOW = '2026-03-01T12:00:00.000Z';
type FileJson = Record<string, Array<Record<string, unknown>>>;

const fileJson = (state: DomainState): FileJson =>
  JSON.parse(serializeWorkspace(exportWorkspace(state, { exportedAt: NOW })));

function read(json: unknown): ImportFile {
  const r = readWorkspaceFile(json, { now: NOW });
  if (!r.ok) throw new Error(`unreadable: ${JSON.stringify(r.problems)}`);
  return r.file;
}

/** What every step of a release shows and ran: the comparison a restore must pass. */
const shown = (state: DomainState, r: ReleaseId) =>
  resolveReleaseSteps(state, r).map((s) => [s.id, s.status, s.name, s.content, s.executedContent]);

describe('content revisions in the workspace file', () => {
  it('IO-01 ST-09 revisions are exported with their release and restored before what names them', () => {
    const { w, r } = richWorld();
    const json = fileJson(w.state);
    const revisions = json.revisions ?? [];
    expect(revisions.length).toBe(Object.keys(w.state.releases[r]?.revisions ?? {}).length);
    expect(revisions[0]).toMatchObject({ releaseId: r });
    const result = importWorkspace(emptyState(), read(json), testContext());
    if (!result.ok) throw new Error(result.error.message);
    const ops = result.change.ops.map((o) => o.op);
    expect(ops.indexOf('put-revision')).toBeLessThan(ops.indexOf('put-template'));
    expect(shown(applyChange(emptyState(), result.change), r)).toEqual(shown(w.state, r));
  });

  it('IO-05 ST-09 a step naming a revision that is neither in the file nor the workspace refuses the import', () => {
    const { w } = richWorld();
    const json = fileJson(w.state);
    const states = json.stepStates ?? [];
    const ran = states.findIndex((s) => s.execution !== undefined);
    const rev = (states[ran]?.execution as { rev: string } | undefined)?.rev;
    expect(rev).toBeDefined();
    json.revisions = (json.revisions ?? []).filter((x) => x.id !== rev);
    const { plan } = planImport(emptyState(), read(json));
    expect(plan.problems).toContainEqual(
      expect.objectContaining({ path: `stepStates[${ran}].execution`, code: 'unknown-reference' }),
    );
  });

  it('IO-06 ST-09 revisions merge as immutable records: known ones are unchanged, other content under one id is refused', () => {
    const { w } = richWorld();
    const json = fileJson(w.state);
    expect(planImport(w.state, read(json)).plan.counts.revisions).toMatchObject({ added: 0, changed: 0 });
    const first = (json.revisions ?? [])[0] as Record<string, unknown>;
    first.content = 'rm -rf /';
    const { plan } = planImport(w.state, read(json));
    expect(plan.problems).toEqual([expect.objectContaining({ path: 'revisions[0]', code: 'id-mismatch' })]);
  });

  it('IO-02 ST-11 a version-1 file (copies, no revisions) reads and restores what every step showed and ran', () => {
    const { w, r } = richWorld();
    const expected = shown(w.state, r);
    // The same workspace as the version-1 writer stored it: copies in the step states, no revisions.
    const json = fileJson(w.state) as Record<string, unknown> & FileJson;
    const doc = w.state.releases[r];
    const revision = (id: unknown) => doc?.revisions[id as keyof typeof doc.revisions];
    json.version = 1 as never;
    json.stepStates = (json.stepStates ?? []).map((s) => {
      const { snapshotRev, overrideRev, execution, ...rest } = s;
      const run = execution as { rev: string; at: string; by: string } | undefined;
      const step = expected.find(([id]) => id === s.stepId);
      const snap = revision(run?.rev ?? snapshotRev);
      const own = revision(overrideRev);
      return {
        ...rest,
        ...(snap && {
          snapshotName: snap.name,
          snapshotCategory: snap.category,
          snapshotType: snap.type,
          snapshotContent: snap.content,
        }),
        ...(run && { executedContent: step?.[4], executedAt: run.at, executedBy: run.by }),
        ...(own && { overrideContent: own.content, ...(own.ownName && { overrideName: own.name }) }),
      };
    });
    delete json.revisions;
    for (const t of [...(json.templates ?? []), ...(json.customSteps ?? [])]) delete t.contentRev;
    const result = importWorkspace(emptyState(), read(json), testContext());
    if (!result.ok) throw new Error(result.error.message);
    expect(shown(applyChange(emptyState(), result.change), r)).toEqual(expected);
  });
});
