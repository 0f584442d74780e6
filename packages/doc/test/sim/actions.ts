/**
 * Random commands, drawn with weights and given inputs picked from the acting replica's own state, as a
 * person on that device would. Pools of names are small on purpose: concurrent creations of the same
 * cluster name or of one namespace in one cluster happen often, as do edits of the same step.
 */
import {
  activateRelease,
  addCustomersToRelease,
  addCustomStep,
  addTemplate,
  archiveCluster,
  archiveCustomer,
  archiveRelease,
  bulkMarkDone,
  type CommandResult,
  type CustomerId,
  type CustomerStep,
  createCluster,
  createCustomer,
  createRelease,
  customerCategoryList,
  customersAvailableToAdd,
  deleteCustomStep,
  deleteTemplate,
  editCustomStep,
  listConflicts,
  markDone,
  moveCustomer,
  moveTemplate,
  overrideStep,
  type ReleaseId,
  reopenStep,
  resetToTemplate,
  resolveReleaseSteps,
  resolveStep,
  restoreCluster,
  restoreCustomer,
  revertStep,
  reviewConflict,
  type StepCategory,
  type StepId,
  setNotes,
  skipStep,
  templateList,
  unarchiveRelease,
  updateCluster,
  updateCustomer,
  updateRelease,
  updateTemplate,
} from '@runsheet/domain';
import type { Prng } from '../support/prng.ts';
import { type Action, attempt, type Pick, pickRelease, values } from './action-kit.ts';
import type { SimLog } from './log.ts';
import type { Replica } from './replica.ts';
import { ROLLOUT_ACTIONS, recordRollout } from './rollout-actions.ts';

const CLUSTER_NAMES = ['prod', 'Prod', 'stage', 'dev'];
const NAMESPACES = ['acme', 'globex', 'initech'];
const CATEGORIES: StepCategory[] = ['deploy', 'verify'];

function pickStep(p: Pick, filter: (s: CustomerStep) => boolean = () => true) {
  const release = pickRelease(p);
  if (!release) return null;
  const steps = resolveReleaseSteps(p.state, release.id).filter(filter);
  return steps.length > 0 ? { releaseId: release.id, step: p.rng.pick(steps) } : null;
}

const ACTIONS: Action[] = [
  {
    name: 'createCluster',
    weight: 3,
    plan: (p, r) => attempt(r, 'createCluster', createCluster, { name: p.rng.pick(CLUSTER_NAMES) }),
  },
  {
    name: 'renameCluster',
    weight: 1,
    plan: (p, r) => {
      const clusters = values(p.state.catalog.clusters);
      if (clusters.length === 0) return null;
      const clusterId = p.rng.pick(clusters).id;
      return attempt(r, 'updateCluster', updateCluster, { clusterId, name: p.rng.pick(CLUSTER_NAMES) });
    },
  },
  {
    name: 'archiveOrRestoreCluster',
    weight: 1,
    plan: (p, r) => {
      const clusters = values(p.state.catalog.clusters);
      if (clusters.length === 0) return null;
      const c = p.rng.pick(clusters);
      return c.isActive
        ? attempt(r, 'archiveCluster', archiveCluster, { clusterId: c.id })
        : attempt(r, 'restoreCluster', restoreCluster, { clusterId: c.id });
    },
  },
  {
    name: 'createCustomer',
    weight: 4,
    plan: (p, r) => {
      const clusters = values(p.state.catalog.clusters).filter((c) => c.isActive);
      if (clusters.length === 0) return null;
      const namespace = p.rng.pick(NAMESPACES);
      const clusterId = p.rng.pick(clusters).id;
      return attempt(r, 'createCustomer', createCustomer, { clusterId, name: namespace, namespace });
    },
  },
  {
    name: 'editCustomer',
    weight: 2,
    plan: (p, r) => {
      const customers = values(p.state.catalog.customers);
      if (customers.length === 0) return null;
      const c = p.rng.pick(customers);
      const roll = p.rng.int(0, 3);
      if (roll === 0)
        return attempt(r, 'updateCustomer', updateCustomer, {
          customerId: c.id,
          namespace: p.rng.pick(NAMESPACES),
        });
      if (roll === 1)
        return attempt(r, 'updateCustomer', updateCustomer, { customerId: c.id, description: p.rng.word(5) });
      if (roll === 2) {
        const clusters = values(p.state.catalog.clusters);
        if (clusters.length === 0) return null;
        return attempt(r, 'moveCustomer', moveCustomer, {
          customerId: c.id,
          clusterId: p.rng.pick(clusters).id,
        });
      }
      return c.isActive
        ? attempt(r, 'archiveCustomer', archiveCustomer, { customerId: c.id })
        : attempt(r, 'restoreCustomer', restoreCustomer, { customerId: c.id });
    },
  },
  {
    name: 'createRelease',
    weight: 1,
    plan: (p, r) => {
      if (values(p.state.catalog.releases).length >= 2) return null;
      return attempt(r, 'createRelease', createRelease, { name: `R ${p.rng.word(3)}`, type: 'hotfix' });
    },
  },
  {
    name: 'editOrArchiveRelease',
    weight: 1,
    plan: (p, r) => {
      const release = pickRelease(p, false);
      if (!release) return null;
      const roll = p.rng.int(0, 3);
      if (roll === 0)
        return attempt(r, 'updateRelease', updateRelease, {
          releaseId: release.id,
          description: p.rng.word(6),
        });
      if (roll === 1 && release.status !== 'archived')
        return attempt(r, 'archiveRelease', archiveRelease, { releaseId: release.id });
      if (roll === 1) return attempt(r, 'unarchiveRelease', unarchiveRelease, { releaseId: release.id });
      return attempt(r, 'updateRelease', updateRelease, {
        releaseId: release.id,
        name: `R ${p.rng.word(3)}`,
      });
    },
  },
  {
    name: 'addTemplate',
    weight: 4,
    plan: (p, r, log) => {
      const release = pickRelease(p);
      if (!release) return null;
      const category = p.rng.pick(CATEGORIES);
      const doc = p.state.releases[release.id];
      const list = doc ? templateList(doc, category) : [];
      const before = list.length > 0 && p.rng.bool(0.6) ? p.rng.pick(list).id : null;
      const input = {
        releaseId: release.id,
        name: `T ${p.rng.word(3)}`,
        category,
        type: 'bash' as const,
        content: `echo {{customer.namespace}} ${p.rng.word(4)}`,
        ...(before ? { position: { before } } : {}),
      };
      return attempt(r, 'addTemplate', addTemplate, input, (v) => {
        if (before)
          log.inserts.push({
            replica: r.name,
            releaseId: release.id,
            id: v.templateId,
            before,
            customerId: null,
            category,
          });
      });
    },
  },
  {
    name: 'editTemplate',
    weight: 3,
    plan: (p, r) => {
      const release = pickRelease(p);
      const doc = release && p.state.releases[release.id];
      if (!release || !doc) return null;
      const live = values(doc.templates).filter((t) => t.deletedAt === null);
      if (live.length === 0) return null;
      const t = p.rng.pick(live);
      const roll = p.rng.int(0, 5);
      if (roll === 0)
        return attempt(r, 'deleteTemplate', deleteTemplate, { releaseId: release.id, templateId: t.id });
      if (roll === 1) {
        const others = templateList(doc, t.category, t.id);
        return attempt(r, 'moveTemplate', moveTemplate, {
          releaseId: release.id,
          templateId: t.id,
          position: { index: p.rng.int(0, others.length) },
        });
      }
      if (roll === 2)
        return attempt(r, 'updateTemplate', updateTemplate, {
          releaseId: release.id,
          templateId: t.id,
          name: `T ${p.rng.word(3)}`,
        });
      return attempt(r, 'updateTemplate', updateTemplate, {
        releaseId: release.id,
        templateId: t.id,
        content: `echo {{cluster.name}} ${p.rng.word(5)}`,
      });
    },
  },
  {
    name: 'activate',
    weight: 2,
    plan: (p, r) => {
      const release = pickRelease(p);
      if (!release) return null;
      if (release.status === 'draft')
        return attempt(r, 'activateRelease', activateRelease, { releaseId: release.id });
      const available = customersAvailableToAdd(p.state, release.id);
      const customers =
        available.length > 0 && p.rng.bool(0.8)
          ? available
          : values(p.state.catalog.customers).map((c) => c.id);
      if (customers.length === 0) return null;
      return attempt(r, 'addCustomersToRelease', addCustomersToRelease, {
        releaseId: release.id,
        customerIds: [p.rng.pick(customers)],
      });
    },
  },
  {
    name: 'addCustomStep',
    weight: 2,
    plan: (p, r, log) => {
      const release = pickRelease(p);
      const doc = release && p.state.releases[release.id];
      if (!release || !doc) return null;
      const participants = Object.keys(doc.participants) as CustomerId[];
      if (participants.length === 0) return null;
      const customerId = p.rng.pick(participants);
      const category = p.rng.pick(CATEGORIES);
      const list = customerCategoryList(doc, customerId, category);
      const before = list.length > 0 && p.rng.bool(0.7) ? p.rng.pick(list).id : null;
      const input = {
        releaseId: release.id,
        customerId,
        name: `C ${p.rng.word(3)}`,
        category,
        type: 'text' as const,
        content: `do ${p.rng.word(4)}`,
        ...(before ? { position: { before } } : {}),
      };
      return attempt(r, 'addCustomStep', addCustomStep, input, (v) => {
        if (before)
          log.inserts.push({
            replica: r.name,
            releaseId: release.id,
            id: v.stepId,
            before,
            customerId,
            category,
          });
      });
    },
  },
  {
    name: 'editCustomStep',
    weight: 1,
    plan: (p, r) => {
      const found = pickStep(p, (s) => s.isCustom);
      if (!found) return null;
      const { releaseId, step } = found;
      return p.rng.bool()
        ? attempt(r, 'editCustomStep', editCustomStep, {
            releaseId,
            stepId: step.id,
            content: `do ${p.rng.word(5)}`,
          })
        : attempt(r, 'deleteCustomStep', deleteCustomStep, { releaseId, stepId: step.id });
    },
  },
  {
    name: 'markDone',
    weight: 6,
    plan: (p, r, log) => {
      const found = pickStep(p);
      if (!found) return null;
      const { releaseId, step } = found;
      return attempt(r, 'markDone', markDone, { releaseId, stepId: step.id }, () =>
        recordDone(r, log, releaseId, step.id),
      );
    },
  },
  {
    name: 'bulkMarkDone',
    weight: 1,
    plan: (p, r, log) => {
      const found = pickStep(p);
      if (!found) return null;
      const { releaseId, step } = found;
      return attempt(
        r,
        'bulkMarkDone',
        bulkMarkDone,
        { releaseId, customerId: step.customerId, category: step.category },
        (v) => {
          for (const stepId of v.done) recordDone(r, log, releaseId, stepId);
        },
      );
    },
  },
  {
    name: 'otherStatus',
    weight: 6,
    plan: (p, r) => {
      const kind = p.rng.int(0, 3);
      // Mostly steps the action applies to, as a person would pick them; sometimes any step.
      const anyStep = p.rng.bool(0.2);
      const fits = (s: CustomerStep) =>
        anyStep ||
        (kind === 1
          ? s.status === 'done'
          : kind === 2
            ? s.status === 'skipped' || s.status === 'reverted'
            : true);
      const found = pickStep(p, fits);
      if (!found) return null;
      const { releaseId, step } = found;
      const stepId = step.id;
      switch (kind) {
        case 0:
          return attempt(r, 'skipStep', skipStep, { releaseId, stepId, reason: 'not needed' });
        case 1:
          return attempt(r, 'revertStep', revertStep, { releaseId, stepId, reason: 'broke it' });
        case 2:
          return attempt(r, 'reopenStep', reopenStep, { releaseId, stepId });
        default:
          return attempt(r, 'setNotes', setNotes, { releaseId, stepId, notes: p.rng.word(6) });
      }
    },
  },
  {
    name: 'override',
    weight: 3,
    plan: (p, r) => {
      const found = pickStep(p, (s) => !s.isCustom);
      if (!found) return null;
      const { releaseId, step } = found;
      return step.isOverridden && p.rng.bool()
        ? attempt(r, 'resetToTemplate', resetToTemplate, { releaseId, stepId: step.id })
        : attempt(r, 'overrideStep', overrideStep, {
            releaseId,
            stepId: step.id,
            content: `echo own ${p.rng.word(4)}`,
          });
    },
  },
  {
    name: 'reviewConflict',
    weight: 1,
    plan: (p, r) => {
      const conflicts = listConflicts(p.state).filter((c) => 'releaseId' in c);
      if (conflicts.length === 0) return null;
      const c = p.rng.pick(conflicts);
      if (!('releaseId' in c)) return null;
      return attempt(r, 'reviewConflict', reviewConflict, { releaseId: c.releaseId, conflictId: c.id });
    },
  },
  ...ROLLOUT_ACTIONS,
];

const TOTAL_WEIGHT = ACTIONS.reduce((sum, a) => sum + a.weight, 0);

function recordDone(r: Replica, log: SimLog, releaseId: ReleaseId, stepId: StepId): void {
  const step = resolveStep(r.ws.state, releaseId, stepId);
  if (!step) throw new Error(`${stepId} vanished right after it was marked done`);
  log.done.push({
    replica: r.name,
    releaseId,
    stepId,
    content: step.content,
    executedContent: step.executedContent,
  });
}

/** Notes what a successful change wrote: events appended, order keys of existing entities changed. */
function recordChange(log: SimLog, result: CommandResult<unknown>): void {
  if (!result.ok) return;
  for (const op of result.change.ops) {
    if (op.op === 'append-event') log.events.set(op.event.id, op.event.releaseId);
    if (
      (op.op === 'put-template' || op.op === 'put-custom-step') &&
      'order' in op.fields &&
      !('createdAt' in op.fields)
    ) {
      log.reordered.add(op.id);
    }
  }
}

/** One random command on replica `r`. Refusals are normal (the state moved); they are counted. */
export function randomCommand(rng: Prng, r: Replica, log: SimLog): void {
  for (let tries = 0; tries < 5; tries++) {
    let roll = rng.next() * TOTAL_WEIGHT;
    let action = ACTIONS[0] as Action;
    for (const a of ACTIONS) {
      roll -= a.weight;
      if (roll < 0) {
        action = a;
        break;
      }
    }
    const planned = action.plan({ rng, state: r.ws.state }, r, log);
    if (!planned) continue;
    r.ctx.tick(rng.int(1, 120_000));
    const result = planned.run();
    log.count(planned.command, result.ok);
    log.trace.push(`${r.name} ${planned.command} -> ${result.ok ? 'ok' : result.error.code}`);
    recordChange(log, result);
    recordRollout(log, r, result);
    if (result.ok) planned.after?.(result.value);
    return;
  }
}
