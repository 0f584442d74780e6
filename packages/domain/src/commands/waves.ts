/**
 * Planning a rollout in waves (WV-01..WV-03): the whole plan at once before any step ran
 * (`planWaves`), or wave by wave at any time (`addWave`, `updateWave`, `deleteWave`, `assignToWave`).
 *
 * Memberships are written explicitly for every customer a command places, also for those that only
 * fell into the last wave by default: adding a wave at the end must not move anybody silently. A
 * customer with steps done or skipped never moves into a wave that is not open (that would lock work
 * already done); the merge of such a move made elsewhere is listed instead (MR-09).
 */

import { z } from 'zod';
import type { ReleaseOp } from '../change.ts';
import type { CommandContext } from '../context.ts';
import { DEFAULT_GATE, gateFields, gateInputSchema, type Wave } from '../entities/wave.ts';
import { type CustomerId, idSchema, type WaveId } from '../ids.ts';
import { firstKeys, keyAt } from '../ordering.ts';
import { type CommandResult, ok, refuse } from '../result.ts';
import { rolloutStatus } from '../rollout-status.ts';
import type { DomainState, ReleaseState } from '../state.ts';
import { checkName, nameKey } from '../validation.ts';
import { liveWaves, waveOfCustomer } from '../waves.ts';
import { defineCommand } from './define-command.ts';
import { editableRelease, type Got } from './guards.ts';
import {
  customersWithWork,
  getLiveWave,
  memberOp,
  RolloutEvents,
  selectCustomers,
  waveCandidates,
  waveOp,
  waveSelectionSchema,
} from './wave-support.ts';

const WAVE_NAME_MAX = 100;
const WAVES_MAX = 50;

const plannedWave = z.object({
  name: z.string(),
  select: waveSelectionSchema.optional(),
  gate: gateInputSchema.optional(),
});

export const planWavesInput = z.object({
  releaseId: idSchema('release'),
  waves: z.array(plannedWave).max(WAVES_MAX),
});
export type PlanWavesInput = z.input<typeof planWavesInput>;

export const addWaveInput = z.object({
  releaseId: idSchema('release'),
  name: z.string(),
  select: waveSelectionSchema.optional(),
  gate: gateInputSchema.optional(),
});
export type AddWaveInput = z.input<typeof addWaveInput>;

export const updateWaveInput = z.object({
  releaseId: idSchema('release'),
  waveId: idSchema('wave'),
  name: z.string().optional(),
  gate: gateInputSchema.optional(),
});
export type UpdateWaveInput = z.input<typeof updateWaveInput>;

export const deleteWaveInput = z.object({ releaseId: idSchema('release'), waveId: idSchema('wave') });
export type DeleteWaveInput = z.input<typeof deleteWaveInput>;

export const assignToWaveInput = z.object({
  releaseId: idSchema('release'),
  waveId: idSchema('wave'),
  select: waveSelectionSchema,
});
export type AssignToWaveInput = z.input<typeof assignToWaveInput>;

/** A wave name: trimmed, required, at most 100 characters, unlike the other waves' names (ignoring case). */
function checkWaveName(others: readonly string[], value: string, field: string): Got<string> {
  const name = checkName(value, field, WAVE_NAME_MAX);
  if (!name.ok) return name;
  const key = nameKey(name.value);
  if (others.some((other) => nameKey(other) === key)) return refuse('wave-name-taken', field);
  return name;
}

function anyStepRan(doc: ReleaseState): boolean {
  return customersWithWork(doc).size > 0;
}

/**
 * Participants that are in the last wave only by default get it written down, so a wave added after
 * it does not take them (WV-03).
 */
function pinDefaultMembers(doc: ReleaseState, live: readonly Wave[]): ReleaseOp[] {
  const last = live[live.length - 1];
  if (!last) return [];
  const ops: ReleaseOp[] = [];
  for (const customerId of Object.keys(doc.participants).sort() as CustomerId[]) {
    const assigned = doc.waveMembers[customerId];
    if (assigned && doc.waves[assigned]?.deletedAt === null) continue;
    ops.push(memberOp(doc, customerId, last.id));
  }
  return ops;
}

/** Refuses moving customers with work into `waveId` unless that wave is open now. */
function checkMoveIntoWave(
  state: DomainState,
  doc: ReleaseState,
  waveId: WaveId,
  customerIds: readonly CustomerId[],
  ctx: CommandContext,
  field: string,
): Got<true> {
  const withWork = customersWithWork(doc);
  const moving = customerIds.filter((id) => withWork.has(id));
  if (moving.length === 0) return { ok: true, value: true };
  const status = rolloutStatus(state, doc.releaseId, { now: ctx.now() });
  const target = status.waves.find((w) => w.wave.id === waveId);
  if (target?.open) return { ok: true, value: true };
  return refuse('customer-has-work', field, { customerId: moving[0] as string });
}

export interface PlanWavesValue {
  waveIds: WaveId[];
  members: Record<WaveId, CustomerId[]>;
}

/**
 * WV-01, WV-02: replaces the release's waves with the given ones, before any step was done or skipped.
 * A customer picked by two waves goes to the first; those no wave picked go to the last. An empty list
 * removes the waves (no gating).
 */
export const planWaves = defineCommand({
  name: 'planWaves',
  input: planWavesInput,
  releaseId: (i) => i.releaseId,
  run(state, i, ctx): CommandResult<PlanWavesValue> {
    const got = editableRelease(state, i.releaseId);
    if (!got.ok) return got;
    const { release, doc } = got.value;
    if (anyStepRan(doc)) return refuse('rollout-started', 'waves');

    const names: string[] = [];
    const picks: CustomerId[][] = [];
    for (const [n, planned] of i.waves.entries()) {
      const field = `waves.${n}`;
      const name = checkWaveName(names, planned.name, `${field}.name`);
      if (!name.ok) return name;
      names.push(name.value);
      const picked = selectCustomers(state, release, doc, planned.select, `${field}.select`);
      if (!picked.ok) return picked;
      picks.push(picked.value);
    }

    const now = ctx.now();
    const ops: ReleaseOp[] = [];
    for (const old of liveWaves(doc)) ops.push(waveOp(doc, old.id, { deletedAt: now, updatedAt: now }));
    const keys = i.waves.length > 0 ? firstKeys(i.waves.length) : [];
    const waveIds: WaveId[] = [];
    const members: Record<WaveId, CustomerId[]> = {};
    const placed = new Set<CustomerId>();
    i.waves.forEach((planned, n) => {
      const id = ctx.newId('wave');
      waveIds.push(id);
      const wave: Wave = {
        id,
        releaseId: release.id,
        name: names[n] as string,
        order: keys[n] as string,
        ...DEFAULT_GATE,
        ...gateFields(planned.gate),
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      };
      ops.push(waveOp(doc, id, wave));
      members[id] = [];
      for (const customerId of picks[n] as CustomerId[]) {
        if (placed.has(customerId)) continue;
        placed.add(customerId);
        members[id]?.push(customerId);
      }
    });
    const last = waveIds[waveIds.length - 1];
    if (last) {
      for (const c of waveCandidates(state, release, doc).sort((a, b) => (a.id < b.id ? -1 : 1))) {
        if (placed.has(c.id)) continue;
        members[last]?.push(c.id);
      }
      for (const id of waveIds)
        for (const customerId of members[id] ?? []) ops.push(memberOp(doc, customerId, id));
    }
    const events = new RolloutEvents(doc, ctx);
    events.add('waves-planned', { waves: String(waveIds.length), waveIds: waveIds.join(',') });
    return ok({ ops: [...ops, ...events.ops] }, { waveIds, members });
  },
});

/** WV-01: a wave at the end of the rollout, with the customers the selection picks (WV-02). */
export const addWave = defineCommand({
  name: 'addWave',
  input: addWaveInput,
  releaseId: (i) => i.releaseId,
  run(state, i, ctx): CommandResult<{ waveId: WaveId; customerIds: CustomerId[] }> {
    const got = editableRelease(state, i.releaseId);
    if (!got.ok) return got;
    const { release, doc } = got.value;
    const live = liveWaves(doc);
    if (live.length >= WAVES_MAX) return refuse('too-many-waves', 'name', { max: WAVES_MAX });
    const name = checkWaveName(
      live.map((w) => w.name),
      i.name,
      'name',
    );
    if (!name.ok) return name;
    const picked = selectCustomers(state, release, doc, i.select, 'select');
    if (!picked.ok) return picked;
    const id = ctx.newId('wave');
    // A new wave after others is closed until its gate opens; the first wave opens with the release.
    if (live.length > 0 || release.status === 'draft') {
      const withWork = customersWithWork(doc);
      const busy = picked.value.find((c) => withWork.has(c));
      if (busy) return refuse('customer-has-work', 'select', { customerId: busy });
    }
    const now = ctx.now();
    const wave: Wave = {
      id,
      releaseId: release.id,
      name: name.value,
      order: keyAt(live, live.length).order,
      ...DEFAULT_GATE,
      ...gateFields(i.gate),
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
    const ops: ReleaseOp[] = [...pinDefaultMembers(doc, live), waveOp(doc, id, wave)];
    for (const customerId of picked.value) ops.push(memberOp(doc, customerId, id));
    const events = new RolloutEvents(doc, ctx);
    events.add('wave-added', { wave: id, name: name.value });
    return ok({ ops: [...ops, ...events.ops] }, { waveId: id, customerIds: picked.value });
  },
});

/** A wave's name and gate conditions; only what changes is written (ST-06). */
export const updateWave = defineCommand({
  name: 'updateWave',
  input: updateWaveInput,
  releaseId: (i) => i.releaseId,
  run(state, i, ctx): CommandResult<{ waveId: WaveId; changed: string[] }> {
    const got = editableRelease(state, i.releaseId);
    if (!got.ok) return got;
    const { doc } = got.value;
    const wave = getLiveWave(doc, i.waveId);
    if (!wave.ok) return wave;
    const fields: Partial<Wave> = { ...gateFields(i.gate) };
    if (i.name !== undefined) {
      const others = liveWaves(doc).filter((w) => w.id !== i.waveId);
      const name = checkWaveName(
        others.map((w) => w.name),
        i.name,
        'name',
      );
      if (!name.ok) return name;
      fields.name = name.value;
    }
    const changed = (Object.keys(fields) as Array<keyof Wave>).filter((k) => fields[k] !== wave.value[k]);
    if (changed.length === 0) return ok({ ops: [] }, { waveId: i.waveId, changed: [] });
    const now = ctx.now();
    const write: Partial<Wave> = { updatedAt: now };
    for (const k of changed) (write as Record<string, unknown>)[k] = fields[k];
    const events = new RolloutEvents(doc, ctx);
    events.add('wave-edited', { wave: i.waveId, fields: changed.join(',') });
    return ok({ ops: [waveOp(doc, i.waveId, write), ...events.ops] }, { waveId: i.waveId, changed });
  },
});

/** Removes a wave nobody worked in yet; its customers move to the last wave that remains. */
export const deleteWave = defineCommand({
  name: 'deleteWave',
  input: deleteWaveInput,
  releaseId: (i) => i.releaseId,
  run(state, i, ctx): CommandResult<{ waveId: WaveId; movedTo: WaveId | null }> {
    const got = editableRelease(state, i.releaseId);
    if (!got.ok) return got;
    const { doc } = got.value;
    const wave = getLiveWave(doc, i.waveId);
    if (!wave.ok) return wave;
    const live = liveWaves(doc);
    const members = (Object.keys(doc.participants) as CustomerId[]).filter(
      (c) => waveOfCustomer(doc, live, c)?.id === i.waveId,
    );
    const withWork = customersWithWork(doc);
    if (members.some((c) => withWork.has(c))) return refuse('wave-has-work', 'waveId');
    const remaining = live.filter((w) => w.id !== i.waveId);
    const target = remaining[remaining.length - 1] ?? null;
    const now = ctx.now();
    const ops: ReleaseOp[] = [waveOp(doc, i.waveId, { deletedAt: now, updatedAt: now })];
    if (target) ops.push(...members.sort().map((c) => memberOp(doc, c, target.id)));
    const events = new RolloutEvents(doc, ctx);
    events.add('wave-deleted', { wave: i.waveId, name: wave.value.name });
    return ok({ ops: [...ops, ...events.ops] }, { waveId: i.waveId, movedTo: target?.id ?? null });
  },
});

/** WV-02: moves the selected customers into a wave. */
export const assignToWave = defineCommand({
  name: 'assignToWave',
  input: assignToWaveInput,
  releaseId: (i) => i.releaseId,
  run(state, i, ctx): CommandResult<{ waveId: WaveId; moved: CustomerId[] }> {
    const got = editableRelease(state, i.releaseId);
    if (!got.ok) return got;
    const { release, doc } = got.value;
    const wave = getLiveWave(doc, i.waveId);
    if (!wave.ok) return wave;
    const picked = selectCustomers(state, release, doc, i.select, 'select');
    if (!picked.ok) return picked;
    if (picked.value.length === 0) return refuse('no-customers-selected', 'select');
    const live = liveWaves(doc);
    const moved = picked.value.filter((c) => waveOfCustomer(doc, live, c)?.id !== i.waveId);
    // Already in it by default (the last wave): written down too, so a wave added later keeps them here.
    const pinned = picked.value.filter((c) => !moved.includes(c) && doc.waveMembers[c] !== i.waveId);
    const movable = checkMoveIntoWave(state, doc, i.waveId, moved, ctx, 'select');
    if (!movable.ok) return movable;
    const write = [...moved, ...pinned].sort();
    if (write.length === 0) return ok({ ops: [] }, { waveId: i.waveId, moved });
    const events = new RolloutEvents(doc, ctx);
    events.add('wave-members-set', {
      wave: i.waveId,
      customers: String(write.length),
      customerIds: write.join(','),
    });
    return ok(
      { ops: [...write.map((c) => memberOp(doc, c, i.waveId)), ...events.ops] },
      { waveId: i.waveId, moved },
    );
  },
});

/**
 * WV-03: the memberships activation and "add customers" write when the release has waves: the chosen
 * wave, else the wave the customer was already put in while planning, else the last.
 */
export function joinWaveOps(
  doc: ReleaseState,
  customerIds: readonly CustomerId[],
  chosen?: WaveId,
): ReleaseOp[] {
  const live = liveWaves(doc);
  const last = live[live.length - 1];
  if (!last) return [];
  const ops: ReleaseOp[] = [];
  for (const customerId of customerIds) {
    if (chosen) {
      ops.push(memberOp(doc, customerId, chosen));
      continue;
    }
    const assigned = doc.waveMembers[customerId];
    if (assigned && doc.waves[assigned]?.deletedAt === null) continue;
    ops.push(memberOp(doc, customerId, last.id));
  }
  return ops;
}
