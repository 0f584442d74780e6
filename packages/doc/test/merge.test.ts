/**
 * What survives when two devices change the same thing while apart (docs/ARCHITECTURE.md "Merge
 * rules", MR-* in docs/SPEC.md), checked in both merge directions.
 */
import type { ReleaseId, StepId } from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CATALOG, type DocName, readCatalog, readRelease, Workspace } from '../src/index.ts';
import { cluster, event, ops, template } from '../src/testing/entities.ts';

const R = 'release:r1' as ReleaseId;
const STEP = 'step:c1.t1' as StepId;

function pair() {
  const make = (clientID: number) =>
    new Workspace({
      createDoc: () => {
        const doc = new Y.Doc();
        doc.clientID = clientID;
        return doc;
      },
    });
  return [make(1), make(2)] as const;
}

/** Delivers everything each side has that the other lacks, in the given order. */
function meet(first: Workspace, second: Workspace) {
  for (const [from, to] of [
    [first, second],
    [second, first],
  ] as const) {
    for (const [name, doc] of from.docs()) {
      const target = to.doc(name) ?? (name === CATALOG ? to.catalog : to.openRelease(name as ReleaseId));
      Y.applyUpdate(target, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(target)), 'remote');
    }
  }
}

function both(run: (a: Workspace, b: Workspace) => void) {
  return ([true, false] as const).map((aFirst) => {
    const [a, b] = pair();
    run(a, b);
    if (aFirst) meet(a, b);
    else meet(b, a);
    expect(a.state).toEqual(b.state);
    return a;
  });
}

const docName = (id: ReleaseId): DocName => id;

describe('merge of concurrent edits', () => {
  it('MR-01: keeps concurrent edits of different fields of one entity', () => {
    for (const merged of both((a, b) => {
      a.apply({ ops: [ops.cluster(cluster('cluster:k1', 'prod'))] });
      meet(a, b);
      a.apply({ ops: [ops.cluster({ id: 'cluster:k1', description: 'from a' })] });
      b.apply({ ops: [ops.cluster({ id: 'cluster:k1', kubeconfigPath: '/b/config' })] });
    })) {
      expect(merged.state.catalog.clusters['cluster:k1']).toMatchObject({
        name: 'prod',
        description: 'from a',
        kubeconfigPath: '/b/config',
      });
    }
  });

  it('keeps both devices fields when both touch a step for the first time', () => {
    for (const merged of both((a, b) => {
      a.apply({ ops: [ops.template(R, template('template:t1', R, 'x', 'a0'))] });
      meet(a, b);
      a.apply({ ops: [ops.stepState(R, STEP, { notes: 'from a' })] });
      b.apply({ ops: [ops.stepState(R, STEP, { status: 'done', executedBy: 'user:b' })] });
    })) {
      expect(merged.state.releases[R]?.stepStates[STEP]).toEqual({
        notes: 'from a',
        status: 'done',
        executedBy: 'user:b',
      });
    }
  });

  it('keeps every event appended on either side, in one order on both', () => {
    const orders = both((a, b) => {
      a.apply({ ops: [ops.event(event('event:a1', R, STEP, 'done'))] });
      b.apply({ ops: [ops.event(event('event:b1', R, STEP, 'skipped'))] });
      b.apply({ ops: [ops.event(event('event:b2', R, STEP, 'notes'))] });
    }).map((ws) => ws.state.releases[R]?.events.map((e) => e.id));
    for (const order of orders)
      expect([...(order ?? [])].sort()).toEqual(['event:a1', 'event:b1', 'event:b2']);
    // The order does not depend on which side delivered first.
    expect(orders[0]).toEqual(orders[1]);
  });

  it('resolves a concurrent write of one field to the same value on both sides', () => {
    const states = both((a, b) => {
      a.apply({ ops: [ops.cluster(cluster('cluster:k1', 'prod'))] });
      meet(a, b);
      a.apply({ ops: [ops.cluster({ id: 'cluster:k1', name: 'from-a' })] });
      b.apply({ ops: [ops.cluster({ id: 'cluster:k1', name: 'from-b' })] });
    }).map((ws) => ws.state.catalog.clusters['cluster:k1']?.name);
    expect(states[0]).toBe(states[1]);
    expect(['from-a', 'from-b']).toContain(states[0]);
  });

  it('reads back merged documents exactly as the mirrors hold them', () => {
    for (const merged of both((a, b) => {
      a.apply({
        ops: [
          ops.cluster(cluster('cluster:k1', 'a')),
          ops.template(R, template('template:t1', R, 'x', 'a0')),
        ],
      });
      b.apply({ ops: [ops.cluster(cluster('cluster:k2', 'b')), ops.stepState(R, STEP, { notes: 'b' })] });
    })) {
      expect(merged.state.catalog).toEqual(readCatalog(merged.catalog));
      const doc = merged.doc(docName(R));
      expect(doc && readRelease(doc, R)).toEqual(merged.state.releases[R]);
    }
  });
});
