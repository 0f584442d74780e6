/**
 * What the wave, gate and halt commands share: picking customers for a wave (by id, by cluster, by a
 * metadata value: WV-02), which customers already have work, the live wave a command names, and the
 * rollout events they append (one causal chain, subject `rollout`).
 */
import { z } from 'zod';
import type { ReleaseOp } from '../change.ts';
import type { CommandContext } from '../context.ts';
import type { Customer } from '../entities/customer.ts';
import type { Release } from '../entities/release.ts';
import type { HistoryEvent, RolloutEventKind } from '../entities/step-event.ts';
import type { Wave } from '../entities/wave.ts';
import { eventsOfSubject, newEvent, ROLLOUT_SUBJECT } from '../history.ts';
import { type CustomerId, idSchema, parseTemplateStepId, type StepId, type WaveId } from '../ids.ts';
import { statusOf } from '../resolve.ts';
import { refuse } from '../result.ts';
import type { DomainState, ReleaseState } from '../state.ts';
import { liveWaves } from '../waves.ts';
import { type Got, getUsableCustomer, isUsableCustomer } from './guards.ts';
import { eventOp } from './step-support.ts';

/**
 * Which customers a wave takes: the union of the given customers, every customer of the given clusters
 * and every customer whose metadata has `key` = `value` (e.g. tier = canary).
 */
export const waveSelectionSchema = z.object({
  customerIds: z.array(idSchema('customer')).max(10_000).optional(),
  clusterIds: z.array(idSchema('cluster')).max(1_000).optional(),
  metadata: z.object({ key: z.string().min(1).max(64), value: z.string().max(2_000) }).optional(),
});
export type WaveSelection = z.input<typeof waveSelectionSchema>;

/**
 * The customers a wave can take: the participants of an active release; before activation, every
 * customer that could take part (activation keeps the waves of those it makes participants).
 */
export function waveCandidates(state: DomainState, release: Release, doc: ReleaseState): Customer[] {
  const { customers } = state.catalog;
  if (release.status === 'draft')
    return Object.values(customers).filter((c) => isUsableCustomer(state.catalog, c));
  return (Object.keys(doc.participants) as CustomerId[])
    .map((id) => customers[id])
    .filter((c): c is Customer => c !== undefined);
}

/** WV-02: the candidates a selection names, sorted by id; a named customer must be a candidate. */
export function selectCustomers(
  state: DomainState,
  release: Release,
  doc: ReleaseState,
  selection: z.infer<typeof waveSelectionSchema> | undefined,
  field: string,
): Got<CustomerId[]> {
  if (!selection) return { ok: true, value: [] };
  const candidates = waveCandidates(state, release, doc);
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const out = new Set<CustomerId>();
  for (const id of selection.customerIds ?? []) {
    if (!byId.has(id)) {
      if (release.status === 'draft') {
        const got = getUsableCustomer(state.catalog, id, `${field}.customerIds`);
        if (!got.ok) return got;
      }
      return refuse('customer-not-in-release', `${field}.customerIds`, { customerId: id });
    }
    out.add(id);
  }
  const clusters = new Set(selection.clusterIds ?? []);
  const meta = selection.metadata;
  for (const c of candidates) {
    if (clusters.has(c.clusterId)) out.add(c.id);
    if (meta && c.metadata[meta.key.trim()] === meta.value.trim()) out.add(c.id);
  }
  return { ok: true, value: [...out].sort() };
}

/** Customers with at least one step done or skipped: moving them into a closed wave is refused. */
export function customersWithWork(doc: ReleaseState): Set<CustomerId> {
  const out = new Set<CustomerId>();
  for (const [stepId, s] of Object.entries(doc.stepStates)) {
    const status = statusOf(s);
    if (status !== 'done' && status !== 'skipped') continue;
    const pair = parseTemplateStepId(stepId as StepId);
    const customerId = pair ? pair.customerId : doc.customSteps[stepId as StepId]?.customerId;
    if (customerId) out.add(customerId);
  }
  return out;
}

/** A wave of the release that is not deleted. */
export function getLiveWave(doc: ReleaseState, id: WaveId, field = 'waveId'): Got<Wave> {
  const wave = doc.waves[id];
  return wave && wave.deletedAt === null ? { ok: true, value: wave } : refuse('wave-not-found', field);
}

/** The index of a live wave in rollout order. */
export function waveIndex(doc: ReleaseState, id: WaveId): number {
  return liveWaves(doc).findIndex((w) => w.id === id);
}

export function waveOp(doc: ReleaseState, id: WaveId, fields: Partial<Wave>): ReleaseOp {
  return { doc: 'release', releaseId: doc.releaseId, op: 'put-wave', id, fields };
}

export function memberOp(doc: ReleaseState, customerId: CustomerId, waveId: WaveId): ReleaseOp {
  return { doc: 'release', releaseId: doc.releaseId, op: 'put-wave-member', id: customerId, waveId };
}

/**
 * Appends rollout events in order, each after the ones before it in the chain (HI-02), so a command
 * that writes two (a sign-off and the opening it causes) writes them as cause and effect.
 */
export class RolloutEvents {
  readonly ops: ReleaseOp[] = [];
  /** Read on first use: a step command that records nothing does not scan the history for it. */
  private prior: HistoryEvent[] | null = null;

  constructor(
    private readonly doc: ReleaseState,
    private readonly ctx: CommandContext,
  ) {}

  add(kind: RolloutEventKind, detail: Record<string, string | undefined>): HistoryEvent {
    this.prior ??= eventsOfSubject(this.doc.events, ROLLOUT_SUBJECT);
    const event = newEvent(this.ctx, { releaseId: this.doc.releaseId, kind, prior: this.prior, detail });
    this.prior.push(event);
    this.ops.push(eventOp(event));
    return event;
  }
}
