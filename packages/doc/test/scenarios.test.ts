/**
 * The merge cases of docs/ARCHITECTURE.md "Merge rules" (MR-* in docs/SPEC.md), each made by two devices
 * running real domain commands while apart, then checked in both merge directions (in the manner of
 * Excalidraw's reconcile tests). The convergence simulation covers them at random; these pin each case by
 * name.
 */
import {
  activateRelease,
  addTemplate,
  archiveCluster,
  archiveRelease,
  createCluster,
  createCustomer,
  createRelease,
  listConflicts,
  markDone,
  overrideStep,
  resolveCustomerSteps,
  resolveStep,
  setNotes,
  skipStep,
  stepHistory,
  type TemplateId,
  templateList,
  templateStepId,
  updateTemplate,
} from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readRelease } from '../src/index.ts';
import { type Device, device, mergedBothWays, send, sortKeys } from './support/two-devices.ts';

/** A shared start (an active release: acme and globex in cluster eu, templates T1 T2 T3), then apart. */
function setup() {
  const a = device(1);
  const b = device(2);
  const eu = a.run(createCluster, { name: 'eu' }).clusterId;
  const acme = a.run(createCustomer, { clusterId: eu, name: 'Acme', namespace: 'acme' }).customerId;
  const globex = a.run(createCustomer, { clusterId: eu, name: 'Globex', namespace: 'globex' }).customerId;
  const releaseId = a.run(createRelease, { name: 'Spring', type: 'release', versionNumber: '1.0' }).releaseId;
  const tpl = (name: string) =>
    a.run(addTemplate, {
      releaseId,
      name,
      category: 'deploy',
      type: 'bash',
      content: `run ${name} {{customer.namespace}}`,
    }).templateId;
  const [t1, t2, t3] = [tpl('T1'), tpl('T2'), tpl('T3')] as [TemplateId, TemplateId, TemplateId];
  a.run(activateRelease, { releaseId });
  send(a, b);
  return { a, b, eu, acme, globex, releaseId, t1, t2, t3 };
}
type Setup = ReturnType<typeof setup>;

/** Runs `apart` on a fresh setup twice, merging A-then-B and B-then-A; both devices must agree. */
function bothWays(apart: (s: Setup) => void): Setup[] {
  return mergedBothWays(setup, apart);
}

describe('merge scenarios, both directions', () => {
  it('MR-04 / BR-C02: the same cluster name created on two devices is listed as a conflict', () => {
    const results = bothWays((s) => {
      s.a.run(createCluster, { name: 'prod' });
      s.b.run(createCluster, { name: 'Prod ' });
    });
    for (const s of results) {
      const dup = listConflicts(s.a.ws.state).filter((c) => c.kind === 'duplicate-cluster-name');
      expect(dup).toHaveLength(1);
      expect(dup[0]?.kind === 'duplicate-cluster-name' && dup[0].clusterIds).toHaveLength(2);
    }
  });

  it('MR-04 / BR-M01: one namespace in one cluster from two devices is listed as a conflict', () => {
    for (const s of bothWays(({ a, b, eu }) => {
      a.run(createCustomer, { clusterId: eu, name: 'Initech', namespace: 'initech' });
      b.run(createCustomer, { clusterId: eu, name: 'Initech Corp', namespace: 'initech' });
    })) {
      const dup = listConflicts(s.a.ws.state).filter((c) => c.kind === 'duplicate-namespace');
      expect(dup.map((c) => c.kind === 'duplicate-namespace' && [c.namespace, c.customerIds.length])).toEqual(
        [['initech', 2]],
      );
    }
  });

  it('BR-R03: a template edit that meets a done elsewhere passes the done step by', () => {
    for (const s of bothWays(({ a, b, releaseId, acme, t1 }) => {
      a.run(updateTemplate, { releaseId, templateId: t1, content: 'run T1 v2' });
      b.run(markDone, { releaseId, stepId: templateStepId(acme, t1) });
    })) {
      const state = s.a.ws.state;
      expect(resolveStep(state, s.releaseId, templateStepId(s.acme, s.t1))).toMatchObject({
        status: 'done',
        content: 'run T1 {{customer.namespace}}',
        executedContent: 'run T1 acme',
      });
      expect(resolveStep(state, s.releaseId, templateStepId(s.globex, s.t1))?.content).toBe('run T1 v2');
    }
  });

  it('MR-03: done here and skipped there gives one winner everywhere, and the loser stays flagged', () => {
    const winners = bothWays(({ a, b, releaseId, acme, t2 }) => {
      a.run(markDone, { releaseId, stepId: templateStepId(acme, t2) });
      b.run(skipStep, { releaseId, stepId: templateStepId(acme, t2), reason: 'not licensed' });
    }).map((s) => {
      const stepId = templateStepId(s.acme, s.t2);
      const conflicts = listConflicts(s.a.ws.state).filter((c) => c.kind === 'status-conflict');
      expect(conflicts).toHaveLength(1);
      const timeline = stepHistory(s.a.ws.state, s.releaseId, stepId);
      expect(timeline.map((e) => e.event.to).sort()).toEqual(['done', 'skipped']);
      const current = resolveStep(s.a.ws.state, s.releaseId, stepId)?.status;
      expect(timeline.filter((e) => e.flagged).map((e) => e.event.to)).toEqual([
        current === 'done' ? 'skipped' : 'done',
      ]);
      return current;
    });
    expect(winners[0]).toBe(winners[1]);
  });

  it('MR-02: an override that meets a done elsewhere never changes what was executed', () => {
    for (const s of bothWays(({ a, b, releaseId, acme, t3 }) => {
      a.run(overrideStep, { releaseId, stepId: templateStepId(acme, t3), content: 'run T3 --force' });
      b.run(markDone, { releaseId, stepId: templateStepId(acme, t3) });
    })) {
      const stepId = templateStepId(s.acme, s.t3);
      expect(resolveStep(s.a.ws.state, s.releaseId, stepId)).toMatchObject({
        status: 'done',
        content: 'run T3 {{customer.namespace}}',
        executedContent: 'run T3 acme',
      });
      expect(listConflicts(s.a.ws.state).map((c) => c.kind)).toContain('edit-vs-done');
    }
  });

  it('ID-03: two templates inserted before the same step both land there, in one order everywhere', () => {
    const orders = bothWays(({ a, b, releaseId, t2 }) => {
      a.run(addTemplate, {
        releaseId,
        name: 'A',
        category: 'deploy',
        type: 'bash',
        content: 'a',
        position: { before: t2 },
      });
      b.run(addTemplate, {
        releaseId,
        name: 'B',
        category: 'deploy',
        type: 'bash',
        content: 'b',
        position: { before: t2 },
      });
    }).map((s) => {
      const doc = s.a.ws.state.releases[s.releaseId];
      if (!doc) throw new Error('release not open');
      const names = templateList(doc, 'deploy').map((p) => doc.templates[p.id as TemplateId]?.name);
      expect(names.slice(0, 1)).toEqual(['T1']);
      expect(names.slice(3)).toEqual(['T2', 'T3']);
      expect([...names.slice(1, 3)].sort()).toEqual(['A', 'B']);
      // Every customer sees the same order.
      const acme = resolveCustomerSteps(s.a.ws.state, s.releaseId, s.acme).map((x) => x.name);
      expect(acme).toEqual(names);
      return names.join(',');
    });
    expect(orders[0]).toBe(orders[1]);
  });

  it('MR-05: a release archived on one device keeps an edit made on another', () => {
    for (const s of bothWays(({ a, b, releaseId, t1 }) => {
      a.run(archiveRelease, { releaseId });
      b.run(updateTemplate, { releaseId, templateId: t1, name: 'T1 renamed' });
    })) {
      expect(s.a.ws.state.catalog.releases[s.releaseId]?.status).toBe('archived');
      expect(s.a.ws.state.releases[s.releaseId]?.templates[s.t1]?.name).toBe('T1 renamed');
    }
  });

  it('MR-05: a customer added to a cluster archived elsewhere is listed as a conflict', () => {
    for (const s of bothWays(({ a, b }) => {
      const us = a.run(createCluster, { name: 'us' }).clusterId;
      send(a, b);
      a.run(archiveCluster, { clusterId: us });
      b.run(createCustomer, { clusterId: us, name: 'Umbrella', namespace: 'umbrella' });
    })) {
      expect(listConflicts(s.a.ws.state).map((c) => c.kind)).toContain('customer-in-archived-cluster');
    }
  });

  it('ST-13 / MR-01: notes here and done there both survive, field by field', () => {
    for (const s of bothWays(({ a, b, releaseId, acme, t1 }) => {
      a.run(setNotes, { releaseId, stepId: templateStepId(acme, t1), notes: 'after 18:00' });
      b.run(markDone, { releaseId, stepId: templateStepId(acme, t1) });
    })) {
      expect(resolveStep(s.a.ws.state, s.releaseId, templateStepId(s.acme, s.t1))).toMatchObject({
        status: 'done',
        notes: 'after 18:00',
        executedContent: 'run T1 acme',
      });
      expect(listConflicts(s.a.ws.state)).toEqual([]);
    }
  });

  it('BR-S08 / ST-13: an override here and notes there both survive; a template edit passes the override by', () => {
    for (const s of bothWays(({ a, b, releaseId, acme, t2 }) => {
      a.run(overrideStep, { releaseId, stepId: templateStepId(acme, t2), content: 'run T2 --acme' });
      b.run(setNotes, { releaseId, stepId: templateStepId(acme, t2), notes: 'ask first' });
      b.run(updateTemplate, { releaseId, templateId: t2, content: 'run T2 v2 {{customer.namespace}}' });
    })) {
      expect(resolveStep(s.a.ws.state, s.releaseId, templateStepId(s.acme, s.t2))).toMatchObject({
        status: 'pending',
        content: 'run T2 --acme',
        isOverridden: true,
        notes: 'ask first',
      });
      // BR-R02 / BR-S07: the edit reaches the pending step that is not overridden.
      expect(resolveStep(s.a.ws.state, s.releaseId, templateStepId(s.globex, s.t2))?.content).toBe(
        'run T2 v2 {{customer.namespace}}',
      );
    }
  });

  it('MR-03: the same outcome on both devices (done and done) is no conflict', () => {
    for (const s of bothWays(({ a, b, releaseId, globex, t3 }) => {
      a.run(markDone, { releaseId, stepId: templateStepId(globex, t3) });
      b.run(markDone, { releaseId, stepId: templateStepId(globex, t3) });
    })) {
      const stepId = templateStepId(s.globex, s.t3);
      expect(stepHistory(s.a.ws.state, s.releaseId, stepId).map((e) => e.event.kind)).toEqual([
        'done',
        'done',
      ]);
      expect(listConflicts(s.a.ws.state)).toEqual([]);
    }
  });

  it('ST-14: an entry that arrives before a string it refers to waits, then joins, and every device agrees', () => {
    const { a: d, releaseId, acme, globex, t1, t2, t3 } = setup();
    const [e, b, c] = [device(2), device(3), device(4)];
    for (const x of [e, b, c]) send(d, x);
    const doc = (x: Device) => x.ws.doc(releaseId) as Y.Doc;
    /** What `x` writes from now on, and nothing it learned from others. */
    const own = (x: Device, act: () => void) => {
      const before = Y.encodeStateVector(doc(x));
      act();
      return Y.encodeStateAsUpdate(doc(x), before);
    };
    // D interns acme's strings; E, apart from D, appends after the same entry (its entry lands after D's).
    const fromD = own(d, () => d.run(markDone, { releaseId, stepId: templateStepId(acme, t1) }));
    const fromE = own(e, () => e.run(markDone, { releaseId, stepId: templateStepId(globex, t2) }));
    Y.applyUpdate(doc(b), fromD, 'remote');
    Y.applyUpdate(doc(b), fromE, 'remote');
    // B refers to acme's strings, which D wrote; its entry follows E's.
    const fromB = own(b, () => b.run(markDone, { releaseId, stepId: templateStepId(acme, t3) }));
    Y.applyUpdate(doc(c), fromE, 'remote');
    Y.applyUpdate(doc(c), fromB, 'remote');
    const waitingStep = templateStepId(acme, t3);
    const early = c.ws.state.releases[releaseId];
    expect(doc(c).getArray('log').length).toBe(doc(b).getArray('log').length - 1);
    expect(early?.stepStates[waitingStep]).toBeUndefined();
    expect(early?.events.some((ev) => ev.stepId === waitingStep)).toBe(false);
    expect(early).toEqual(readRelease(doc(c), releaseId));
    Y.applyUpdate(doc(c), fromD, 'remote');
    expect(resolveStep(c.ws.state, releaseId, waitingStep)).toMatchObject({
      status: 'done',
      executedContent: 'run T3 acme',
    });
    expect(c.ws.state.releases[releaseId]).toEqual(readRelease(doc(c), releaseId));
    for (const x of [d, e]) {
      send(b, x);
      send(x, b);
    }
    expect(sortKeys(c.ws.state)).toEqual(sortKeys(b.ws.state));
    expect(sortKeys(d.ws.state)).toEqual(sortKeys(b.ws.state));
  });
});
