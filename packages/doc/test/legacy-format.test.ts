/**
 * ST-11 at the document level: a release document in schema 1, the layout written before content
 * revisions (no `revisions` map, no `contentRev`, copies in the flat step state), built here with raw
 * Yjs calls exactly as that layout stored it, then loaded from its encoded bytes as storage would.
 */
import {
  activateRelease,
  type CustomerId,
  createCluster,
  createCustomer,
  createRelease,
  markDone,
  type ReleaseId,
  reopenStep,
  resolveCustomerSteps,
  resolveStep,
  type StepId,
  type TemplateId,
  templateStepId,
  testContext,
} from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { allRows, DirtySet, MemoryTables, readRelease, Workspace } from '../src/index.ts';

const T = '2025-06-01T08:00:00.000Z';
const TPL = 'template:legacy1' as TemplateId;

function fields(map: Y.Map<unknown>, values: Record<string, unknown>) {
  for (const [k, v] of Object.entries(values)) map.set(k, v);
}

/** Schema 1: what the document layer wrote before revisions, for one template and two customers. */
function schemaOneRelease(releaseId: ReleaseId, done: CustomerId, skipped: CustomerId): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    const template = new Y.Map<unknown>();
    doc.getMap('templates').set(TPL, template);
    fields(template, {
      id: TPL,
      releaseId,
      name: 'Migrate',
      category: 'deploy',
      type: 'bash',
      content: 'kubectl -n {{customer.namespace}} apply -f v2.yaml',
      description: '',
      order: 'a0',
      createdAt: T,
      updatedAt: T,
      deletedAt: null,
    });
    for (const customerId of [done, skipped]) {
      doc.getMap('participants').set(customerId, { customerId, addedAt: T, addedBy: 'user:old' });
    }
    const flat = doc.getMap('stepState');
    const put = (stepId: StepId, values: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(values)) flat.set(`${stepId}|${k}`, v);
    };
    const snapshot = {
      snapshotName: 'Migrate',
      snapshotCategory: 'deploy',
      snapshotType: 'bash',
      snapshotContent: 'kubectl -n {{customer.namespace}} apply -f v1.yaml',
    };
    put(templateStepId(done, TPL), {
      status: 'reverted',
      statusAt: T,
      statusBy: 'user:old',
      revertReason: 'pods crashlooping',
      ...snapshot,
      executedContent: 'kubectl -n old-ns apply -f v1.yaml',
      executedAt: T,
      executedBy: 'Old Timer',
      updatedAt: T,
    });
    put(templateStepId(skipped, TPL), {
      status: 'skipped',
      statusAt: T,
      statusBy: 'user:old',
      skipReason: 'later',
      ...snapshot,
      updatedAt: T,
    });
    doc.getArray('events').push([
      {
        id: 'event:old1',
        releaseId,
        kind: 'overridden',
        at: T,
        by: 'user:old',
        byName: 'Old Timer',
        device: 'device:old',
        stepId: templateStepId(skipped, TPL),
        customerId: skipped,
        templateId: TPL,
        after: null,
        from: null,
        to: null,
        detail: { content: 'echo carried in the event' },
      },
    ]);
    fields(doc.getMap('meta'), { releaseId, schemaVersion: 1 });
  });
  return Y.encodeStateAsUpdate(doc);
}

describe('a release document written before revisions (schema 1)', () => {
  it('ST-11 reads as it did, takes commands, and its projection matches a rebuild', () => {
    const ws = new Workspace();
    const ctx = testContext({ device: 'now' });
    const must = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
      if (!r.ok) throw new Error(r.error.code);
      return r.value;
    };
    const clusterId = must(ws.run(createCluster, { name: 'prod' }, ctx)).clusterId;
    const a = must(ws.run(createCustomer, { clusterId, name: 'Acme', namespace: 'acme' }, ctx)).customerId;
    const b = must(ws.run(createCustomer, { clusterId, name: 'Beta', namespace: 'beta' }, ctx)).customerId;
    const releaseId = must(ws.run(createRelease, { name: 'Old', type: 'hotfix' }, ctx)).releaseId;
    const stored = new Y.Doc();
    Y.applyUpdate(stored, schemaOneRelease(releaseId, a, b), 'storage');
    ws.openRelease(releaseId, stored);
    // The catalog still calls it a draft; the document is what counts for steps. Activate for commands.
    must(ws.run(activateRelease, { releaseId, customerIds: [a, b] }, ctx));
    const dirty = new DirtySet();
    const tables = new MemoryTables();
    tables.apply(allRows(ws.state));
    ws.subscribe((c) => dirty.add(c));

    const ran = templateStepId(a, TPL);
    const skipped = templateStepId(b, TPL);
    expect(resolveStep(ws.state, releaseId, ran)).toMatchObject({
      status: 'reverted',
      content: 'kubectl -n {{customer.namespace}} apply -f v1.yaml',
      executedContent: 'kubectl -n old-ns apply -f v1.yaml',
      revertReason: 'pods crashlooping',
    });
    expect(resolveCustomerSteps(ws.state, releaseId, b)[0]).toMatchObject({
      status: 'skipped',
      content: 'kubectl -n {{customer.namespace}} apply -f v1.yaml',
    });

    const value = must(ws.run(markDone, { releaseId, stepId: skipped }, ctx));
    expect(value.executedContent).toBe('kubectl -n beta apply -f v1.yaml');
    must(ws.run(reopenStep, { releaseId, stepId: ran }, ctx));

    const doc = ws.doc(releaseId) as Y.Doc;
    // The steps that changed hold revision ids now, no copies: their log entries removed them (ST-13).
    for (const stepId of [ran, skipped]) {
      const own = Object.keys(ws.state.releases[releaseId]?.stepStates[stepId] ?? {});
      expect(own.filter((f) => /^(snapshot(Name|Category|Type|Content)|executedContent)$/.test(f))).toEqual(
        [],
      );
    }
    expect(resolveStep(ws.state, releaseId, skipped)).toMatchObject({
      status: 'done',
      content: 'kubectl -n {{customer.namespace}} apply -f v1.yaml',
      executedContent: 'kubectl -n beta apply -f v1.yaml',
    });
    expect(resolveStep(ws.state, releaseId, ran)).toMatchObject({
      status: 'pending',
      content: 'kubectl -n {{customer.namespace}} apply -f v2.yaml',
      executedContent: null,
    });
    // The old event keeps its content and reads as before; the mirror equals a fresh read.
    expect(ws.state.releases[releaseId]?.events[0]?.detail.content).toBe('echo carried in the event');
    expect(JSON.stringify(readRelease(doc, releaseId))).toBe(JSON.stringify(ws.state.releases[releaseId]));
    tables.apply(dirty.take(ws.state));
    const rebuilt = new MemoryTables();
    rebuilt.apply(allRows(ws.state));
    expect(tables.snapshot()).toEqual(rebuilt.snapshot());
    expect(tables.snapshot().revisions.length).toBeGreaterThan(0);
  });
});
