/**
 * Progress read back from the Dexie projection must be the progress the domain computes from the
 * documents (PR-02..PR-08): the projection is only a faster way to the same numbers.
 */
import {
  activateRelease,
  addTemplate,
  archiveCustomer,
  archiveRelease,
  type CommandContext,
  type CommandResult,
  createCluster,
  createCustomer,
  createRelease,
  customerProgress,
  type DomainState,
  markDone,
  type ReleaseId,
  releaseProgress,
  skipStep,
  templateStepId,
  testContext,
} from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import type { LocalData } from './local-data.ts';
import { activeProgressOf, readActiveProgress, readCustomerReleases } from './release-progress.ts';
import { freshIndexedDB, openTestData } from './test-db.ts';

function runner(data: LocalData, ctx: CommandContext) {
  return <I, T>(command: (s: DomainState, i: I, c: CommandContext) => CommandResult<T>, input: I): T => {
    const result = data.run(command, input, ctx);
    if (!result.ok) throw new Error(`refused: ${result.error.code}`);
    return result.value;
  };
}

function nth<T>(list: readonly T[], i: number): T {
  const item = list[i];
  if (item === undefined) throw new Error(`no item ${i}`);
  return item;
}

async function world() {
  const data = await openTestData(freshIndexedDB());
  const run = runner(data, testContext());
  const eu = run(createCluster, { name: 'prod-eu' }).clusterId;
  const us = run(createCluster, { name: 'prod-us' }).clusterId;
  const a = run(createCustomer, { clusterId: eu, name: 'Acme', namespace: 'acme' }).customerId;
  const b = run(createCustomer, { clusterId: eu, name: 'Beta', namespace: 'beta' }).customerId;
  const c = run(createCustomer, { clusterId: us, name: 'Cobalt', namespace: 'cobalt' }).customerId;
  const release = (name: string, templates: string[]) => {
    const releaseId = run(createRelease, { name, type: 'hotfix' }).releaseId;
    const ids = templates.map(
      (t) =>
        run(addTemplate, { releaseId, name: t, category: 'deploy', type: 'text', content: t }).templateId,
    );
    return { releaseId, ids };
  };
  const r1 = release('One', ['t1', 't2', 't3', 't4']);
  run(activateRelease, { releaseId: r1.releaseId });
  const [t1, t2, t3] = [nth(r1.ids, 0), nth(r1.ids, 1), nth(r1.ids, 2)];
  run(markDone, { releaseId: r1.releaseId, stepId: templateStepId(a, t1) });
  run(skipStep, { releaseId: r1.releaseId, stepId: templateStepId(a, t2), reason: 'n/a' });
  run(markDone, { releaseId: r1.releaseId, stepId: templateStepId(b, t1) });
  run(markDone, { releaseId: r1.releaseId, stepId: templateStepId(c, t3) });
  const r2 = release('Two', ['u1', 'u2']);
  run(activateRelease, { releaseId: r2.releaseId, customerIds: [a] });
  run(markDone, { releaseId: r2.releaseId, stepId: templateStepId(a, nth(r2.ids, 0)) });
  const r3 = release('Old', ['v1']);
  run(activateRelease, { releaseId: r3.releaseId, customerIds: [a, b] });
  run(archiveRelease, { releaseId: r3.releaseId });
  run(archiveCustomer, { customerId: b });
  await data.flush();
  return { data, eu, us, a, b, c, r1: r1.releaseId, r2: r2.releaseId, r3: r3.releaseId };
}

describe('release progress from the projection', () => {
  it('PR-03 / PR-05 / PR-08 equals the domain computed from the documents', async () => {
    const { data, eu, a, b, c, r1, r2 } = await world();
    const fromDb = await readActiveProgress(data.db);
    const state = data.state;
    const docs = [r2, r1].map((id) => state.releases[id as ReleaseId]).filter((d) => d !== undefined);
    const releases = [r2, r1].map((id) => state.catalog.releases[id]).filter((r) => r !== undefined);
    expect(fromDb).toEqual(activeProgressOf(state.catalog, releases, docs));

    // Newest activation first; the archived release is not active.
    expect(fromDb.releases.map((r) => r.name)).toEqual(['Two', 'One']);
    // Per customer, archived ones too (Beta); per cluster without them (PR-05).
    expect(fromDb.customers.get(r1)?.get(a)).toMatchObject({ completePercent: 50, donePercent: 25 });
    expect(fromDb.customers.get(r1)?.get(b)).toMatchObject({ completePercent: 25 });
    expect(fromDb.clusters.get(r1)?.get(eu)).toEqual(releaseProgress(state, r1).byCluster[eu]);
    expect(fromDb.clusters.get(r1)?.get(eu)).toMatchObject({ customers: 1, completePercent: 50 });
    // PR-08: Acme over One (50 %) and Two (50 %); Cobalt only in One.
    expect(fromDb.overall.get(a)).toMatchObject({ customers: 2, completePercent: 50, donePercent: 37 });
    expect(fromDb.overall.get(c)).toMatchObject({ customers: 1, completePercent: 25 });
    await data.close();
  });

  it('BR-M03 a customer’s release history lists every release it took part in, archived ones too', async () => {
    const { data, a, b, r1, r2, r3 } = await world();
    const customer = data.state.catalog.customers[b];
    if (!customer) throw new Error('Beta exists');
    const history = await readCustomerReleases(data.db, customer);
    expect(history.map((h) => h.release.name).sort()).toEqual(['Old', 'One']);
    for (const entry of history) {
      expect(entry.progress).toEqual(customerProgress(data.state, entry.release.id, b));
    }
    const acme = data.state.catalog.customers[a];
    if (!acme) throw new Error('Acme exists');
    const acmeHistory = await readCustomerReleases(data.db, acme);
    expect(acmeHistory.map((h) => h.release.id).sort()).toEqual([r1, r2, r3].sort());
    await data.close();
  });
});
