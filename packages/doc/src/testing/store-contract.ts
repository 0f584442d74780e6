/**
 * The store contract: one suite of query expectations run against every ReadStore implementation (the
 * in-memory store here, the Dexie projection in the app), after the same commands on a Workspace.
 * Expectations are written out, not computed by a store, so a suite that passes means both stores give
 * the answers a person expects, not merely the same answers.
 */
import {
  activateRelease,
  addCustomStep,
  addTemplate,
  archiveCustomer,
  type CommandResult,
  type CustomerId,
  cellFlags,
  cellStatus,
  createCluster,
  createCustomer,
  createRelease,
  type DomainState,
  markDone,
  overrideStep,
  resetToTemplate,
  setNotes,
  skipStep,
  type TemplateId,
  templateStepId,
  testContext,
  updateTemplate,
} from '@runsheet/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReadStore } from '../store/read-store.ts';
import type { Command, Workspace } from '../workspace.ts';

export interface StoreHarness {
  /** Commands run here; the store must reflect them once `settle` resolves. */
  workspace: Workspace;
  store: ReadStore;
  /** Resolves when the store has caught up with every change made so far. */
  settle(): Promise<void>;
  dispose?(): Promise<void>;
}

function must<T>(result: CommandResult<T>): T {
  if (!result.ok) throw new Error(`command refused: ${result.error.code} (${result.error.field ?? ''})`);
  return result.value;
}

/** A small release: two clusters, four customers (one archived), four templates, a few step actions. */
function buildScenario(ws: Workspace, ctx: ReturnType<typeof testContext>) {
  const run = <I, T>(command: Command<I, T>, input: I): T => {
    ctx.tick();
    return must(ws.run(command, input, ctx));
  };
  const eu = run(createCluster, { name: 'prod-eu' }).clusterId;
  const us = run(createCluster, { name: 'Prod-US', kubeconfigPath: '/k/us.yaml' }).clusterId;
  const globex = run(createCustomer, { clusterId: eu, name: 'Globex', namespace: 'globex' }).customerId;
  const acme = run(createCustomer, { clusterId: eu, name: 'acme', namespace: 'acme' }).customerId;
  const initech = run(createCustomer, { clusterId: us, name: 'Initech', namespace: 'initech' }).customerId;
  const gone = run(createCustomer, { clusterId: us, name: 'Umbrella', namespace: 'umbrella' }).customerId;
  run(archiveCustomer, { customerId: gone });
  const releaseId = run(createRelease, { name: 'Spring', type: 'release', versionNumber: '2.0.0' }).releaseId;
  const tpl = (name: string, category: 'deploy' | 'verify', content: string) =>
    run(addTemplate, { releaseId, name, category, type: 'bash', content }).templateId;
  const migrate = tpl('Migrate', 'deploy', 'kubectl -n {{customer.namespace}} apply -f migrate.yaml');
  const deploy = tpl('Deploy', 'deploy', 'helm upgrade app');
  const restart = tpl('Restart', 'deploy', 'kubectl rollout restart');
  const smoke = tpl('Smoke test', 'verify', 'curl /healthz');
  run(activateRelease, { releaseId });
  const step = (customer: CustomerId, template: TemplateId) => templateStepId(customer, template);
  run(markDone, { releaseId, stepId: step(acme, migrate) });
  run(skipStep, { releaseId, stepId: step(globex, deploy), reason: 'not licensed' });
  run(overrideStep, { releaseId, stepId: step(initech, restart), content: 'kubectl rollout restart --all' });
  run(setNotes, { releaseId, stepId: step(acme, deploy), notes: 'after 18:00' });
  const custom = run(addCustomStep, {
    releaseId,
    customerId: acme,
    name: 'Warm cache',
    category: 'deploy',
    type: 'text',
    content: 'open /warm',
    position: { before: step(acme, deploy) },
  }).stepId;
  // BR-R02 / BR-R03: reaches pending steps only; the done one keeps what it ran.
  run(updateTemplate, { releaseId, templateId: migrate, content: 'kubectl apply -f migrate-v2.yaml' });
  return {
    eu,
    us,
    acme,
    globex,
    initech,
    gone,
    releaseId,
    migrate,
    deploy,
    restart,
    smoke,
    custom,
    step,
    run,
  };
}

type Scenario = ReturnType<typeof buildScenario>;

export function storeContractSuite(name: string, makeHarness: () => Promise<StoreHarness>): void {
  describe(`store contract: ${name}`, () => {
    let h: StoreHarness;
    let ctx: ReturnType<typeof testContext>;
    let s: Scenario;

    beforeEach(async () => {
      h = await makeHarness();
      ctx = testContext({ device: 'contract' });
      s = buildScenario(h.workspace, ctx);
      await h.settle();
    });

    afterEach(async () => {
      await h.dispose?.();
    });

    it('BR-C03: lists active customers grouped by cluster, both sorted by name ignoring case', async () => {
      const groups = await h.store.customersByCluster();
      expect(groups.map((g) => [g.cluster?.name, g.customers.map((c) => c.name)])).toEqual([
        ['prod-eu', ['acme', 'Globex']],
        ['Prod-US', ['Initech']],
      ]);
    });

    it('filters customers by cluster and shows archived ones when asked', async () => {
      const us = await h.store.customersByCluster({ clusterId: s.us, includeArchived: true });
      expect(us.map((g) => g.customers.map((c) => c.name))).toEqual([['Initech', 'Umbrella']]);
      expect(await h.store.customersByCluster({ clusterId: 'cluster:none' })).toEqual([]);
    });

    it("FV-004: gives a customer's steps in execution order with inherited and own data", async () => {
      const steps = await h.store.customerSteps(s.releaseId, s.acme);
      expect(steps.map((x) => [x.name, x.status, x.isCustom])).toEqual([
        ['Migrate', 'done', false],
        ['Warm cache', 'pending', true],
        ['Deploy', 'pending', false],
        ['Restart', 'pending', false],
        ['Smoke test', 'pending', false],
      ]);
      const [migrate, , deploy] = steps;
      // BR-R03: the done step keeps the content it ran, the template edit passed it by.
      expect(migrate?.content).toBe('kubectl -n {{customer.namespace}} apply -f migrate.yaml');
      expect(migrate?.executedContent).toBe('kubectl -n acme apply -f migrate.yaml');
      expect(deploy?.notes).toBe('after 18:00');
    });

    it('BR-R02: a template edit reaches pending steps that have no state of their own', async () => {
      const steps = await h.store.customerSteps(s.releaseId, s.globex);
      expect(steps.find((x) => x.templateId === s.migrate)?.content).toBe('kubectl apply -f migrate-v2.yaml');
      expect(steps.find((x) => x.templateId === s.deploy)).toMatchObject({
        status: 'skipped',
        skipReason: 'not licensed',
      });
    });

    it('BR-S08: an override stays the content of that customer only', async () => {
      const initech = await h.store.customerSteps(s.releaseId, s.initech);
      const acme = await h.store.customerSteps(s.releaseId, s.acme);
      expect(initech.find((x) => x.templateId === s.restart)).toMatchObject({
        content: 'kubectl rollout restart --all',
        isOverridden: true,
      });
      expect(acme.find((x) => x.templateId === s.restart)?.content).toBe('kubectl rollout restart');
    });

    it('gives no steps for a customer that does not take part', async () => {
      expect(await h.store.customerSteps(s.releaseId, s.gone)).toEqual([]);
      expect(await h.store.customerSteps('release:none', s.acme)).toEqual([]);
    });

    it('FV-003: builds the matrix from templates x participants with pending cells computed', async () => {
      const m = await h.store.releaseMatrix(s.releaseId);
      expect(m.rows.map((r) => r.name)).toEqual(['Migrate', 'Deploy', 'Restart', 'Smoke test']);
      expect(m.columns.map((c) => c.name)).toEqual(['acme', 'Globex', 'Initech']);
      expect(m.clusters.map((g) => [g.name, g.start, g.end])).toEqual([
        ['prod-eu', 0, 2],
        ['Prod-US', 2, 3],
      ]);
      const grid = m.rows.map((_, row) => m.columns.map((_, col) => cellStatus(m, row, col)));
      expect(grid).toEqual([
        ['done', 'pending', 'pending'],
        ['pending', 'skipped', 'pending'],
        ['pending', 'pending', 'pending'],
        ['pending', 'pending', 'pending'],
      ]);
      expect(cellFlags(m, 2, 2)).toEqual({ overridden: true, hasNotes: false });
      expect(cellFlags(m, 1, 0)).toEqual({ overridden: false, hasNotes: true });
      expect(m.customSteps.map((x) => x.name)).toEqual(['Warm cache']);
    });

    it('FR-007: filters the matrix by cluster', async () => {
      const m = await h.store.releaseMatrix(s.releaseId, { clusterId: s.us });
      expect(m.columns.map((c) => c.name)).toEqual(['Initech']);
      expect(m.customSteps).toEqual([]);
    });

    it('PR-03: gives release progress per customer, cluster, category and overall', async () => {
      const p = await h.store.releaseProgress(s.releaseId);
      // acme 1 done of 5 (a custom step counts, PR-07), Globex 1 skipped of 4, Initech 0 of 4.
      expect(p.overall).toMatchObject({ customers: 3, total: 13, done: 1, skipped: 1, pending: 11 });
      expect([p.overall.completePercent, p.overall.donePercent]).toEqual([15, 6]);
      expect(p.byCluster[s.eu]).toMatchObject({ customers: 2, completePercent: 22, donePercent: 10 });
      expect(p.byCluster[s.us]).toMatchObject({ customers: 1, completePercent: 0, total: 4 });
      expect(p.byCategory.deploy).toMatchObject({ completePercent: 19, donePercent: 8, total: 10 });
      expect(p.byCategory.verify).toMatchObject({ completePercent: 0, total: 3 });
      expect(p.byCustomer[s.acme]).toMatchObject({ total: 5, done: 1, completePercent: 20 });
      expect(p.byCustomer[s.gone]).toBeUndefined();
    });

    it('PR-07 ST-09: a done step counts in the category it ran in, read from its revision', async () => {
      // acme ran Migrate as a deploy step; the template moves to verify afterwards.
      s.run(updateTemplate, { releaseId: s.releaseId, templateId: s.migrate, category: 'verify' });
      await h.settle();
      const p = await h.store.releaseProgress(s.releaseId);
      expect(p.byCustomer[s.acme]?.byCategory.deploy).toMatchObject({ done: 1, total: 4 });
      expect(p.byCustomer[s.acme]?.byCategory.verify).toMatchObject({ done: 0, total: 1 });
      expect(p.byCustomer[s.globex]?.byCategory.verify).toMatchObject({ total: 2 });
    });

    it('PR-05: counts archived customers in progress only when asked', async () => {
      // Initech takes part, then is archived: it stays a participant (ST-07) but leaves the averages.
      s.run(archiveCustomer, { customerId: s.initech });
      await h.settle();
      const p = await h.store.releaseProgress(s.releaseId);
      expect(p.overall).toMatchObject({ customers: 2, total: 9, completePercent: 22 });
      expect(p.byCluster[s.us]).toBeUndefined();
      const all = await h.store.releaseProgress(s.releaseId, { includeArchivedCustomers: true });
      expect(all.overall).toMatchObject({ customers: 3, total: 13, completePercent: 15 });
      expect((await h.store.releaseProgress('release:none')).overall).toMatchObject({
        customers: 0,
        total: 0,
        completePercent: 0,
      });
    });

    it("gives a step's history in document order", async () => {
      const stepId = s.step(s.acme, s.migrate);
      s.run(skipStep, { releaseId: s.releaseId, stepId: s.step(s.acme, s.smoke), reason: 'later' });
      await h.settle();
      const timeline = await h.store.stepTimeline(s.releaseId, stepId);
      expect(timeline.map((e) => [e.event.kind, e.event.to, e.flagged])).toEqual([['done', 'done', false]]);
      expect(await h.store.stepTimeline(s.releaseId, 'step:none')).toEqual([]);
    });

    it('HI-03: a timeline shows the content its events name by revision', async () => {
      const stepId = s.step(s.initech, s.restart);
      s.run(resetToTemplate, { releaseId: s.releaseId, stepId });
      await h.settle();
      const timeline = await h.store.stepTimeline(s.releaseId, stepId);
      expect(timeline.map((e) => [e.event.kind, e.content.content, e.content.previousContent])).toEqual([
        ['overridden', 'kubectl rollout restart --all', null],
        ['reset-to-template', null, 'kubectl rollout restart --all'],
      ]);
    });

    it('ST-09: a done custom step in the matrix shows the revision it ran', async () => {
      s.run(markDone, { releaseId: s.releaseId, stepId: s.custom });
      await h.settle();
      const m = await h.store.releaseMatrix(s.releaseId);
      expect(m.customSteps.map((x) => [x.name, x.status, x.content, x.executedContent])).toEqual([
        ['Warm cache', 'done', 'open /warm', 'open /warm'],
      ]);
    });

    it('MR-03: flags the losing side of a status change made apart, in the timeline', async () => {
      const stepId = s.step(s.initech, s.deploy);
      // Another device skipped the step while this one marked it done: run the skip against the state
      // before the done, then merge its change in, as a sync would.
      const before: DomainState = structuredCloneState(h.workspace.state);
      s.run(markDone, { releaseId: s.releaseId, stepId });
      const elsewhere = testContext({ device: 'other', start: ctx.now() });
      const skipped = skipStep(before, { releaseId: s.releaseId, stepId, reason: 'blocked' }, elsewhere);
      if (!skipped.ok) throw new Error(skipped.error.code);
      h.workspace.apply(skipped.change, 'remote');
      await h.settle();
      const timeline = await h.store.stepTimeline(s.releaseId, stepId);
      const current = (await h.store.customerSteps(s.releaseId, s.initech)).find(
        (x) => x.id === stepId,
      )?.status;
      expect(timeline).toHaveLength(2);
      for (const entry of timeline) expect(entry.flagged).toBe(entry.event.to !== current);
      expect(timeline.filter((e) => e.flagged)).toHaveLength(1);
    });

    it('lists recent activity newest first, limited, and per release', async () => {
      const recent = await h.store.recentActivity({ limit: 3 });
      expect(recent.map((e) => e.kind)).toEqual(['template-edited', 'custom-added', 'notes']);
      expect(await h.store.recentActivity({ limit: 2, releaseIds: ['release:none'] })).toEqual([]);
      const all = await h.store.recentActivity({ limit: 100 });
      expect(all.length).toBeGreaterThan(5);
      const times = all.map((e) => e.at);
      expect([...times].sort().reverse()).toEqual(times);
    });

    it('reflects later commands once settled (the projection follows every change)', async () => {
      s.run(markDone, { releaseId: s.releaseId, stepId: s.step(s.globex, s.migrate) });
      s.run(updateTemplate, { releaseId: s.releaseId, templateId: s.smoke, name: 'Smoke' });
      await h.settle();
      const m = await h.store.releaseMatrix(s.releaseId);
      expect(cellStatus(m, 0, 1)).toBe('done');
      expect(m.rows[3]?.name).toBe('Smoke');
      const steps = await h.store.customerSteps(s.releaseId, s.globex);
      expect(steps.map((x) => x.name)).toEqual(['Migrate', 'Deploy', 'Restart', 'Smoke']);
      expect(steps[0]?.content).toBe('kubectl apply -f migrate-v2.yaml');
      expect((await h.store.recentActivity({ limit: 1 }))[0]?.kind).toBe('template-edited');
    });
  });
}

/** A deep copy of plain state (commands must see the past, not a live mirror). */
function structuredCloneState(state: DomainState): DomainState {
  return JSON.parse(JSON.stringify(state)) as DomainState;
}
