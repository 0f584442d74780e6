import type { CommandContext, DomainState, ReleaseId } from '@runsheet/domain';
import { fail, ok } from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import { type Command, type DocChanges, Workspace } from '../src/index.ts';
import { cluster, ops, template } from '../src/testing/entities.ts';

const R = 'release:r1' as ReleaseId;

const ctx: CommandContext = {
  now: () => '2025-01-01T00:00:00.000Z',
  newId: (type) => `${type}:fixed` as never,
  actor: { id: 'user:test', name: 'Test' },
  device: 'device:test',
};

/** A stand-in command with the domain's signature: refuses a taken name, else creates the cluster. */
const createCluster: Command<{ name: string }, string> = (state: DomainState, input, context) => {
  if (Object.values(state.catalog.clusters).some((c) => c.name === input.name)) {
    return fail('cluster-name-taken', 'taken', 'name');
  }
  const id = context.newId('cluster');
  return ok({ ops: [ops.cluster(cluster(id, input.name))] }, id);
};

describe('Workspace', () => {
  it('runs a command against the current state and applies its change', () => {
    const ws = new Workspace();
    const result = ws.run(createCluster, { name: 'prod' }, ctx);
    expect(result).toMatchObject({ ok: true, value: 'cluster:fixed' });
    expect(ws.state.catalog.clusters['cluster:fixed']?.name).toBe('prod');
  });

  it('applies nothing when the command refuses', () => {
    const ws = new Workspace();
    ws.run(createCluster, { name: 'prod' }, ctx);
    const seen: DocChanges[] = [];
    ws.subscribe((c) => seen.push(c));
    const result = ws.run(createCluster, { name: 'prod' }, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'cluster-name-taken' } });
    expect(seen).toEqual([]);
  });

  it('opens a release document on demand and tells listeners about it', () => {
    const ws = new Workspace();
    const opened: string[] = [];
    ws.onDocOpen((name) => opened.push(name));
    ws.apply({ ops: [ops.template(R, template('template:t1', R, 'x', 'a0'))] });
    expect(opened).toEqual([R]);
    expect(ws.isOpen(R)).toBe(true);
    expect(Object.keys(ws.state.releases[R]?.templates ?? {})).toEqual(['template:t1']);
  });

  it('notifies subscribers with the workspace as origin for local writes', () => {
    const ws = new Workspace();
    const seen: DocChanges[] = [];
    ws.subscribe((c) => seen.push(c));
    ws.run(createCluster, { name: 'prod' }, ctx);
    expect(seen).toEqual([
      { kind: 'catalog', clusters: ['cluster:fixed'], customers: [], releases: [], origin: ws, local: true },
    ]);
  });

  it('drops a closed release from the state and stops reporting it', () => {
    const ws = new Workspace();
    ws.apply({ ops: [ops.template(R, template('template:t1', R, 'x', 'a0'))] });
    ws.closeRelease(R);
    expect(ws.state.releases[R]).toBeUndefined();
    expect(ws.doc(R)).toBeUndefined();
  });
});
