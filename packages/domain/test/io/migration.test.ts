import { describe, expect, it } from 'vitest';
import {
  applyChange,
  type CustomerId,
  emptyState,
  exportWorkspace,
  importWorkspace,
  type ReleaseId,
  readWorkspaceFile,
  releaseProgress,
  resolveCustomerSteps,
  serializeWorkspace,
  testContext,
} from '../../src/index.ts';
import { v0File } from './v0-fixture.ts';

const NOW = '2026-03-01T12:00:00.000Z';
const R = 'release:v0-5' as ReleaseId;
const ACME = 'customer:v0-10' as CustomerId;
const BETA = 'customer:v0-11' as CustomerId;

function restoreV0(file: unknown = v0File()) {
  const read = readWorkspaceFile(JSON.stringify(file), { now: NOW });
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  const result = importWorkspace(emptyState(), read.file, testContext());
  if (!result.ok) throw new Error(result.error.message);
  return { state: applyChange(emptyState(), result.change), file: read.file, plan: result.value };
}

describe('IO-02 a file from an older format version', () => {
  it('IO-02 version 0 reads as version 1: ids, camelCase fields, timestamps, metadata as text', () => {
    const { state, file } = restoreV0();
    expect(file.version).toBe(0);
    expect(file.exportedAt).toBe('2026-01-02T09:00:00.000Z');
    expect(state.catalog.clusters['cluster:v0-1']).toEqual({
      id: 'cluster:v0-1',
      name: 'prod-eu',
      kubeconfigPath: '~/.kube/prod-eu',
      description: '',
      isActive: true,
      metadata: { region: 'eu-west-1', nodes: '12' },
      createdAt: '2026-01-01T09:00:00.000Z',
      updatedAt: '2026-01-01T09:00:00.000Z',
    });
    expect(state.catalog.clusters['cluster:v0-2']?.isActive).toBe(false);
    // An unknown column is kept under its own name.
    expect(state.catalog.customers[ACME]).toMatchObject({ clusterId: 'cluster:v0-1', legacy_code: 'AC-1' });
    expect(state.catalog.releases[R]).toMatchObject({
      status: 'active',
      versionNumber: 'v2.5.0',
      releaseDate: '2026-01-31',
      activatedAt: '2026-01-01T09:00:00.000Z',
    });
  });

  it('IO-02 order_index becomes order keys: the custom step (0.5) stays between its neighbours', () => {
    const { state } = restoreV0();
    const names = resolveCustomerSteps(state, R, ACME).map((s) => `${s.category}:${s.name}`);
    expect(names).toEqual([
      'deploy:Deploy app',
      'deploy:Flush cache',
      'deploy:Migrate',
      'verify:Health check',
    ]);
  });

  it('IO-02 customer steps become participants, sparse states and history', () => {
    const { state } = restoreV0();
    const doc = state.releases[R];
    expect(Object.keys(doc?.participants ?? {}).sort()).toEqual([ACME, BETA]);
    const acme = resolveCustomerSteps(state, R, ACME);
    expect(acme.map((s) => s.status)).toEqual(['done', 'pending', 'skipped', 'pending']);
    expect(acme[0]).toMatchObject({
      executedBy: 'alice',
      notes: 'ok',
      executedAt: '2026-01-01T10:00:00.000Z',
    });
    expect(acme[2]).toMatchObject({ skipReason: 'no schema change' });
    const beta = resolveCustomerSteps(state, R, BETA);
    expect(beta[0]).toMatchObject({ isOverridden: true, content: 'helm upgrade app --atomic' });
    // Untouched pending steps have no record of their own (ST-01: steps inherit, cells are sparse).
    expect(Object.keys(doc?.stepStates ?? {})).toHaveLength(3);
    expect(doc?.events.map((e) => [e.kind, e.byName, e.detail.migratedFrom])).toEqual([
      ['done', 'alice', 'v0'],
      ['skipped', 'bob', 'v0'],
    ]);
    const progress = releaseProgress(state, R);
    expect(progress.byCustomer[ACME]).toMatchObject({ total: 4, done: 1, skipped: 1 });
  });

  it('IO-02 importing the same version-0 file twice adds nothing (ids are derived, not random)', () => {
    const { state } = restoreV0();
    const again = readWorkspaceFile(JSON.stringify(v0File()), { now: NOW });
    if (!again.ok) throw new Error('unreadable');
    const result = importWorkspace(state, again.file, testContext());
    expect(result.ok && result.change.ops).toEqual([]);
  });

  it('IO-02 a migrated workspace exports as version 1 and reads back equal', () => {
    const { state } = restoreV0();
    const text = serializeWorkspace(exportWorkspace(state, { exportedAt: NOW }));
    const back = readWorkspaceFile(text, { now: NOW });
    if (!back.ok) throw new Error('unreadable');
    const result = importWorkspace(emptyState(), back.file, testContext());
    expect(result.ok && applyChange(emptyState(), result.change)).toEqual(state);
  });

  it('IO-03 problems in a version-0 file are reported with its own names and rows', () => {
    const file = v0File();
    const customers = file.customers as Record<string, unknown>[];
    (customers[1] as Record<string, unknown>).namespace = 'Beta Prod';
    const steps = file.customer_steps as Record<string, unknown>[];
    (steps[2] as Record<string, unknown>).status = 'finished';
    (steps[3] as Record<string, unknown>).category = 'cleanup';
    const read = readWorkspaceFile(JSON.stringify(file), { now: NOW });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    const paths = read.problems.map((p) => p.path);
    expect(paths).toContain('customers[1].namespace');
    expect(paths).toContain('customer_steps[2].status');
    expect(paths).toContain('customer_steps[3].category');
  });
});
