import { describe, expect, it } from 'vitest';
import {
  applyChange,
  type DomainState,
  exportWorkspace,
  type ImportFile,
  importWorkspace,
  listConflicts,
  markDone,
  planImport,
  readWorkspaceFile,
  serializeWorkspace,
  skipStep,
  templateStepId,
  testContext,
  updateCustomer,
} from '../../src/index.ts';
import { World } from '../helpers.ts';
import { clone, richWorld } from './fixtures.ts';

const NOW = '2026-03-01T12:00:00.000Z';

function read(state: DomainState, edit?: (file: Record<string, unknown[]>) => void): ImportFile {
  const file = JSON.parse(serializeWorkspace(exportWorkspace(state, { exportedAt: NOW })));
  edit?.(file);
  const r = readWorkspaceFile(JSON.stringify(file), { now: NOW });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.file;
}

/**
 * Device A and device B start from one workspace. B is exported later and imported into A:
 * B added a cluster, renamed Beta and skipped a step; A marked the same step done and, later than B,
 * edited Acme. B's file also carries a cluster with A's cluster name under another id.
 */
function twoDevices() {
  const base = richWorld();
  const { r, a, b, v1 } = base;
  const shared = clone(base.w.state);
  const devB = new World(clone(shared), testContext({ device: 'devB', start: '2026-02-02T09:00:00.000Z' }));
  const staging = devB.cluster('staging');
  devB.do(updateCustomer, { customerId: b, name: 'Beta GmbH' });
  devB.do(updateCustomer, { customerId: a, description: 'from B' });
  devB.do(skipStep, { releaseId: r, stepId: templateStepId(a, v1), reason: 'done by hand' });
  const devA = new World(clone(shared), testContext({ device: 'devA', start: '2026-02-03T09:00:00.000Z' }));
  devA.do(markDone, { releaseId: r, stepId: templateStepId(a, v1) });
  devA.do(updateCustomer, { customerId: a, name: 'Acme Corp' });
  const file = read(devB.state, (f) => {
    f.clusters?.push({ ...(f.clusters[0] as object), id: 'cluster:devB-dup', name: 'PROD-EU ' });
  });
  return { ...base, devA, devB, staging, file };
}

describe('IO-06 merging a file into a used workspace', () => {
  it('IO-06 the preview lists what is added, what changes field by field, and what the workspace keeps', () => {
    const { devA, file, staging, a, b, r } = twoDevices();
    const { plan } = planImport(devA.state, file);
    expect(plan.mode).toBe('merge');
    expect(plan.counts.clusters).toMatchObject({ added: 2, changed: 0 });
    expect(
      plan.added
        .filter((i) => i.collection === 'clusters')
        .map((i) => i.id)
        .sort(),
    ).toEqual([staging, 'cluster:devB-dup'].sort());
    const beta = plan.changed.find((c) => c.id === b);
    expect(beta?.label).toBe('Beta GmbH (prod-eu / beta-prod)');
    expect(beta?.fields).toContainEqual({ field: 'name', from: 'Beta', to: 'Beta GmbH' });
    // A edited Acme after B did: A's copy is newer and stays.
    expect(plan.keptNewer.map((i) => i.id)).toContain(a);
    // B's only new event is its skip; the rest of its history is A's too.
    expect(plan.counts.events).toMatchObject({
      added: 1,
      unchanged: devA.state.releases[r]!.events.length - 1,
    });
  });

  it('IO-06 the conflicts the merge would bring are listed (MR-03, MR-04)', () => {
    const { devA, file } = twoDevices();
    const { plan } = planImport(devA.state, file);
    expect(plan.conflicts.map((c) => c.kind).sort()).toEqual(['duplicate-cluster-name', 'status-conflict']);
    const dup = plan.conflicts.find((c) => c.kind === 'duplicate-cluster-name');
    expect(dup?.message).toMatch(/Two active clusters would be named "prod-eu"/);
  });

  it('IO-06 after the import: additions and newer edits are in, the workspace’s newer edit is kept, history is a union', () => {
    const { devA, file, staging, a, b, r } = twoDevices();
    const result = importWorkspace(devA.state, file, testContext());
    if (!result.ok) throw new Error(result.error.message);
    const after = applyChange(devA.state, result.change);
    expect(after.catalog.clusters[staging]?.name).toBe('staging');
    expect(after.catalog.customers[b]?.name).toBe('Beta GmbH');
    expect(after.catalog.customers[a]).toMatchObject({ name: 'Acme Corp', description: '' });
    const kinds = after.releases[r]?.events.slice(-2).map((e) => `${e.kind}@${e.device}`);
    expect(kinds).toEqual(['done@devA', 'skipped@devB']);
    expect(listConflicts(after).map((c) => c.kind)).toContain('status-conflict');
  });
});
