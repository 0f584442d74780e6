/**
 * docs/ARCHITECTURE.md "Keep a release small": 1,000 participants × 50 templates must stay fast. Plain
 * state is built directly (no commands) so the test measures the views, not the setup. Bounds are
 * generous (10× or more what a laptop needs) so a busy CI machine does not make them flaky; an accidental
 * O(n²) or a per-cell object would still blow them.
 */
import { describe, expect, it } from 'vitest';
import {
  type Cluster,
  type ClusterId,
  type Customer,
  type CustomerId,
  type CustomStep,
  type DomainState,
  emptyReleaseState,
  firstKeys,
  listConflicts,
  markDone,
  previewTemplateEdit,
  type Release,
  type ReleaseId,
  type RevId,
  releaseProgress,
  resolveCustomerSteps,
  resolveReleaseSteps,
  type StepTemplate,
  stepStatusMatrix,
  type TemplateId,
  templateStepId,
  testContext,
} from '../src/index.ts';

const CUSTOMERS = 1000;
const TEMPLATES = 50;

function bigState(): {
  state: DomainState;
  releaseId: ReleaseId;
  customers: CustomerId[];
  templates: TemplateId[];
} {
  const t = '2026-02-01T09:00:00.000Z';
  const state: DomainState = { catalog: { clusters: {}, customers: {}, releases: {} }, releases: {} };
  const clusters: ClusterId[] = [];
  for (let i = 0; i < 10; i++) {
    const id = `cluster:c${i}` as ClusterId;
    clusters.push(id);
    const c: Cluster = {
      id,
      name: `cluster-${i}`,
      kubeconfigPath: null,
      description: '',
      isActive: true,
      metadata: {},
      createdAt: t,
      updatedAt: t,
    };
    state.catalog.clusters[id] = c;
  }
  const releaseId: ReleaseId = 'release:big';
  const release: Release = {
    id: releaseId,
    name: 'big',
    type: 'hotfix',
    status: 'active',
    versionNumber: null,
    releaseDate: null,
    description: '',
    metadata: {},
    createdAt: t,
    updatedAt: t,
    activatedAt: t,
    archivedFrom: null,
    clonedFrom: null,
  };
  state.catalog.releases[releaseId] = release;
  const doc = emptyReleaseState(releaseId);
  const keys = firstKeys(TEMPLATES);
  const templates: TemplateId[] = [];
  for (let i = 0; i < TEMPLATES; i++) {
    const id = `template:t${i}` as TemplateId;
    templates.push(id);
    const tpl: StepTemplate = {
      id,
      releaseId,
      name: `step ${i}`,
      category: i < 35 ? 'deploy' : 'verify',
      type: 'bash',
      content: `kubectl -n {{customer.namespace}} apply -f step-${i}.yaml`,
      description: '',
      order: keys[i] ?? 'a0',
      createdAt: t,
      updatedAt: t,
      deletedAt: null,
    };
    tpl.contentRev = `rev:t${i}` as RevId;
    doc.revisions[tpl.contentRev] = {
      name: tpl.name,
      category: tpl.category,
      type: tpl.type,
      content: tpl.content,
    };
    doc.templates[id] = tpl;
  }
  const customers: CustomerId[] = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const id = `customer:u${i}` as CustomerId;
    customers.push(id);
    const c: Customer = {
      id,
      clusterId: clusters[i % 10] ?? 'cluster:c0',
      namespace: `ns-${i}`,
      name: `customer ${i}`,
      description: '',
      isActive: true,
      metadata: {},
      createdAt: t,
      updatedAt: t,
    };
    state.catalog.customers[id] = c;
    doc.participants[id] = { customerId: id, addedAt: t, addedBy: 'u' };
    // A release in full swing: about a third of the cells have been touched (ST-09: by revision id).
    for (let j = 0; j < TEMPLATES; j++) {
      if ((i + j) % 3 !== 0) continue;
      const rev = `rev:t${j}` as RevId;
      doc.stepStates[templateStepId(id, templates[j] ?? 'template:t0')] =
        j % 2 === 0
          ? {
              status: 'done',
              statusAt: t,
              execution: { rev, vars: { 'customer.namespace': `ns-${i}` }, at: t, by: 'u' },
            }
          : { status: 'skipped', statusAt: t, skipReason: 'r', snapshotRev: rev };
    }
    if (i % 10 === 0) {
      const cs: CustomStep = {
        id: `step:custom${i}` as CustomStep['id'],
        releaseId,
        customerId: id,
        name: 'custom',
        category: 'deploy',
        type: 'text',
        content: '',
        description: '',
        order: 'a0V',
        createdAt: t,
        createdBy: 'u',
        updatedAt: t,
        deletedAt: null,
      };
      doc.customSteps[cs.id] = cs;
    }
  }
  state.releases[releaseId] = doc;
  return { state, releaseId, customers, templates };
}

describe('scale: 1,000 customers × 50 templates', () => {
  const { state, releaseId, customers, templates } = bigState();

  // Speed is measured in the benchmarks (docs/BENCHMARKS.md), never asserted here: these machines are
  // shared and noisy. These tests hold the shapes and counts at full scale.
  it('ST-01 the status matrix is built without an object per cell', () => {
    const value = stepStatusMatrix(state, releaseId);
    expect(value.columns).toHaveLength(CUSTOMERS);
    expect(value.rows).toHaveLength(TEMPLATES);
    expect(value.status).toBeInstanceOf(Uint8Array);
    expect(value.status).toHaveLength(CUSTOMERS * TEMPLATES);
  });

  it('PR-03 release progress is counted without resolving every step', () => {
    const value = releaseProgress(state, releaseId);
    expect(value.overall.total).toBe(CUSTOMERS * TEMPLATES + CUSTOMERS / 10);
    expect(Object.keys(value.byCluster)).toHaveLength(10);
  });

  it('ST-01 all 50,000 steps resolve, plus the custom ones', () => {
    const value = resolveReleaseSteps(state, releaseId);
    expect(value).toHaveLength(CUSTOMERS * TEMPLATES + CUSTOMERS / 10);
  });

  it('one customer’s steps, a template preview and a markDone work at full scale', () => {
    expect(
      resolveCustomerSteps(state, releaseId, customers[7] ?? 'customer:u0').length,
    ).toBeGreaterThanOrEqual(TEMPLATES);
    const preview = previewTemplateEdit(state, { releaseId, templateId: templates[1] ?? 'template:t1' });
    expect(preview.pendingUpdated + preview.executedKept).toBe(CUSTOMERS);
    const ctx = testContext();
    const stepId = templateStepId(customers[1] ?? 'customer:u1', templates[0] ?? 'template:t0');
    expect(markDone(state, { releaseId, stepId }, ctx).ok).toBe(true);
  });

  it('MR-03 a big release without clashes lists no conflicts', () => {
    expect(listConflicts(state)).toEqual([]);
  });
});
