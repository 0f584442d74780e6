import { describe, expect, it } from 'vitest';
import {
  applyChange,
  type DomainState,
  emptyState,
  exportWorkspace,
  type ImportFile,
  importWorkspace,
  planImport,
  readWorkspaceFile,
  serializeWorkspace,
  testContext,
} from '../../src/index.ts';
import { clone, richWorld, withUnknownFields } from './fixtures.ts';

const NOW = '2026-03-01T12:00:00.000Z';

function fileOf(state: DomainState): string {
  return serializeWorkspace(exportWorkspace(state, { exportedAt: NOW }));
}

function read(text: unknown): ImportFile {
  const r = readWorkspaceFile(text, { now: NOW });
  if (!r.ok) throw new Error(`unreadable: ${JSON.stringify(r.problems)}`);
  return r.file;
}

function importInto(state: DomainState, text: string): DomainState {
  const result = importWorkspace(state, read(text), testContext());
  if (!result.ok) throw new Error(result.error.message);
  return applyChange(state, result.change);
}

describe('IO-01 round trip', () => {
  it('IO-01 export, then import into an empty workspace, gives an identical workspace (history, unknown fields)', () => {
    const { w, r } = richWorld();
    const original = withUnknownFields(w.state, r);
    const restored = importInto(emptyState(), fileOf(original));
    expect(restored).toEqual(original);
    // The same bytes again: nothing was lost or reordered on the way.
    expect(fileOf(restored)).toBe(fileOf(original));
  });

  it('IO-01 the file is deterministic and carries format, version and export time', () => {
    const { w } = richWorld();
    const parsed = JSON.parse(fileOf(w.state));
    expect(parsed).toMatchObject({ format: 'runsheet-workspace', version: 2, exportedAt: NOW });
    expect(Object.keys(parsed)).toEqual([
      'format',
      'version',
      'exportedAt',
      'generator',
      'clusters',
      'customers',
      'releases',
      'revisions',
      'templates',
      'participants',
      'customSteps',
      'stepStates',
      'events',
      'waves',
      'waveMembers',
    ]);
    expect(fileOf(w.state)).toBe(fileOf(clone(w.state)));
  });

  it('IO-01 restore mode: every record is counted as added', () => {
    const { w } = richWorld();
    const { plan } = planImport(emptyState(), read(fileOf(w.state)));
    expect(plan.mode).toBe('restore');
    expect(plan.counts.clusters).toEqual({ added: 2, changed: 0, unchanged: 0, keptNewer: 0 });
    expect(plan.counts.customers.added).toBe(3);
    expect(plan.counts.releases.added).toBe(2);
    expect(plan.counts.events.added).toBe(
      w.state.releases[Object.keys(w.state.releases)[0] as never]?.events.length,
    );
    expect(plan.conflicts).toEqual([]);
  });
});

describe('IO-07 importing the same file twice', () => {
  it('IO-07 ids are kept: a second import adds and changes nothing', () => {
    const { w, r } = richWorld();
    const text = fileOf(withUnknownFields(w.state, r));
    const once = importInto(emptyState(), text);
    const result = importWorkspace(once, read(text), testContext());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.change.ops).toEqual([]);
    expect(result.value.mode).toBe('merge');
    expect(result.value.added).toEqual([]);
    expect(result.value.changed).toEqual([]);
  });

  it('IO-07 importing into the workspace it came from changes nothing', () => {
    const { w } = richWorld();
    const result = importWorkspace(w.state, read(fileOf(w.state)), testContext());
    expect(result.ok && result.change.ops).toEqual([]);
  });
});

describe('IO-05 one command, all or nothing', () => {
  it('IO-05 a dangling reference refuses the whole import, with the path of the field, and changes nothing', () => {
    const { w } = richWorld();
    const file = JSON.parse(fileOf(w.state));
    file.customers[1].clusterId = 'cluster:gone';
    const before = clone(emptyState());
    const state = emptyState();
    const imported = read(file);
    const result = importWorkspace(state, imported, testContext());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('import-invalid');
    const { plan } = planImport(state, imported);
    expect(plan.problems).toEqual([
      expect.objectContaining({ path: 'customers[1].clusterId', code: 'unknown-reference' }),
    ]);
    expect(state).toEqual(before);
  });

  it('IO-05 the change of an import spans the catalog and every release document, in one result', () => {
    const { w } = richWorld();
    const result = importWorkspace(emptyState(), read(fileOf(w.state)), testContext());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const docs = new Set(result.change.ops.map((op) => (op.doc === 'catalog' ? 'catalog' : op.releaseId)));
    expect(docs.has('catalog')).toBe(true);
    expect(docs.size).toBeGreaterThan(1);
  });
});
