/**
 * Activating a release and adding customers to it (FR-003, BR-R01, LC-01, LC-02).
 *
 * The activation first asked for copies every template into one row per customer. Here activation writes one
 * participant entry per customer (ST-01): each participant has every template step by construction,
 * including templates added later (BR-S06 "new customers will inherit this step automatically").
 * Activation changes two documents: the release's status in the catalog, the participants and an
 * event in the release document. When the release has waves, each new participant's wave is written
 * too (WV-03): the one picked, the one it was planned into, else the last.
 */

import { z } from 'zod';
import type { Op } from '../change.ts';
import type { CommandContext } from '../context.ts';
import type { Participant } from '../entities/participant.ts';
import { newEvent } from '../history.ts';
import { type CustomerId, idSchema, type ReleaseId } from '../ids.ts';
import { type CommandResult, ok, refuse } from '../result.ts';
import type { DomainState } from '../state.ts';
import { defineCommand } from './define-command.ts';
import { getRelease, getUsableCustomer, isUsableCustomer, releaseDoc } from './guards.ts';
import { getLiveWave } from './wave-support.ts';
import { joinWaveOps } from './waves.ts';

export const activateReleaseInput = z.object({
  releaseId: idSchema('release'),
  /** The customers to take part; all usable customers when left out (BR-R01). */
  customerIds: z.array(idSchema('customer')).optional(),
});
export type ActivateReleaseInput = z.input<typeof activateReleaseInput>;

export const addCustomersInput = z.object({
  releaseId: idSchema('release'),
  customerIds: z.array(idSchema('customer')),
  /** The wave the new customers join when the release has waves; the last one when left out (WV-03). */
  waveId: idSchema('wave').optional(),
});
export type AddCustomersInput = z.input<typeof addCustomersInput>;

/** Active customers of active clusters, the default audience of a release (BR-R01). */
export function usableCustomerIds(state: DomainState): CustomerId[] {
  return Object.values(state.catalog.customers)
    .filter((c) => isUsableCustomer(state.catalog, c))
    .map((c) => c.id)
    .sort();
}

function participantOps(
  releaseId: ReleaseId,
  customerIds: readonly CustomerId[],
  ctx: CommandContext,
  now: string,
): Op[] {
  return customerIds.map((id) => {
    const value: Participant = { customerId: id, addedAt: now, addedBy: ctx.actor.id };
    return { doc: 'release', releaseId, op: 'put-participant', id, value };
  });
}

/** Unique ids, each checked usable; the first bad one refuses the whole command (field `customerIds`). */
function checkChosen(state: DomainState, ids: readonly CustomerId[]) {
  const unique = [...new Set(ids)];
  for (const id of unique) {
    const got = getUsableCustomer(state.catalog, id, 'customerIds');
    if (!got.ok) return got;
  }
  return { ok: true as const, value: unique };
}

/** FR-003 / BR-R01: draft -> active, with all usable customers or the chosen ones. */
export const activateRelease = defineCommand({
  name: 'activateRelease',
  input: activateReleaseInput,
  releaseId: (i) => i.releaseId,
  run(state, i, ctx): CommandResult<{ releaseId: ReleaseId; customerIds: CustomerId[] }> {
    const got = getRelease(state, i.releaseId);
    if (!got.ok) return got;
    const release = got.value;
    if (release.status === 'archived') return refuse('release-archived', 'releaseId');
    if (release.status !== 'draft') return refuse('release-not-draft', 'releaseId');

    let customerIds: CustomerId[];
    if (i.customerIds === undefined) {
      customerIds = usableCustomerIds(state);
    } else {
      const chosen = checkChosen(state, i.customerIds);
      if (!chosen.ok) return chosen;
      customerIds = chosen.value;
    }
    if (customerIds.length === 0) return refuse('no-customers-selected', 'customerIds');

    const now = ctx.now();
    const ops: Op[] = [
      {
        doc: 'catalog',
        op: 'put-release',
        id: release.id,
        fields: { status: 'active', activatedAt: now, updatedAt: now },
      },
      ...participantOps(release.id, customerIds, ctx, now),
      ...joinWaveOps(releaseDoc(state, release.id), customerIds),
    ];
    const event = newEvent(ctx, {
      releaseId: release.id,
      kind: 'release-activated',
      detail: { customers: String(customerIds.length), customerIds: customerIds.join(',') },
    });
    ops.push({ doc: 'release', releaseId: release.id, op: 'append-event', event });
    return ok({ ops }, { releaseId: release.id, customerIds });
  },
});

/** The customers the "add customers" dialog offers: usable, and not in the release yet. */
export function customersAvailableToAdd(state: DomainState, releaseId: ReleaseId): CustomerId[] {
  const doc = releaseDoc(state, releaseId);
  return usableCustomerIds(state).filter((id) => !doc.participants[id]);
}

/**
 * LC-02 (adding customers to a release, as asked): active releases only. Customers already in the release are
 * passed over (and reported); if none is new, `customers-already-in-release`.
 */
export const addCustomersToRelease = defineCommand({
  name: 'addCustomersToRelease',
  input: addCustomersInput,
  releaseId: (i) => i.releaseId,
  run(state, i, ctx): CommandResult<{ added: CustomerId[]; alreadyIn: CustomerId[] }> {
    const got = getRelease(state, i.releaseId);
    if (!got.ok) return got;
    const release = got.value;
    if (release.status === 'archived') return refuse('release-archived', 'releaseId');
    if (release.status !== 'active') return refuse('release-not-active', 'releaseId');
    if (i.customerIds.length === 0) return refuse('no-customers-selected', 'customerIds');

    const doc = releaseDoc(state, release.id);
    if (i.waveId !== undefined) {
      const wave = getLiveWave(doc, i.waveId);
      if (!wave.ok) return wave;
    }
    const unique = [...new Set(i.customerIds)];
    const alreadyIn = unique.filter((id) => doc.participants[id]);
    const fresh = unique.filter((id) => !doc.participants[id]);
    if (fresh.length === 0) return refuse('customers-already-in-release', 'customerIds');
    const chosen = checkChosen(state, fresh);
    if (!chosen.ok) return chosen;

    const now = ctx.now();
    const ops: Op[] = [
      ...participantOps(release.id, chosen.value, ctx, now),
      ...joinWaveOps(doc, chosen.value, i.waveId),
    ];
    const event = newEvent(ctx, {
      releaseId: release.id,
      kind: 'customers-added',
      detail: { customers: String(chosen.value.length), customerIds: chosen.value.join(',') },
    });
    ops.push({ doc: 'release', releaseId: release.id, op: 'append-event', event });
    return ok({ ops }, { added: chosen.value, alreadyIn });
  },
});
