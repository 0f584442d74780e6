/**
 * The events a release's document implies (WH-02, WH-03), derived from the same read model the app and
 * the REST API use (rolloutStatus, the release history). Pure: state in, events out.
 *
 * Each event's id is a hash of the release, the type and the fact it reports (the wave, the history event,
 * the time a wave completed), never of when or where it was derived: two relays, a restart or a replayed
 * update derive the same id, and the claim ledger (WH-04) sends it once. A wave that completes again after
 * a revert has a new completion time, hence a new id.
 */
import { createHash } from 'node:crypto';
import { type DomainState, type ReleaseId, rolloutStatus, type WaveStatus } from '@runsheet/domain';
import type { WebhookEventType } from '@runsheet/protocol';

export interface WebhookEvent {
  id: string;
  type: WebhookEventType | 'webhook.test';
  /** When the fact happened, as the document says (ISO). */
  occurredAt: string;
  release: { id: string; name: string } | null;
  /** What the type needs: the wave, the step, who and why. */
  [detail: string]: unknown;
}

export function eventIdOf(releaseId: string, type: string, key: string): string {
  return `evt_${createHash('sha256').update(`${releaseId}\u0000${type}\u0000${key}`).digest('hex').slice(0, 32)}`;
}

const waveOf = (w: WaveStatus) => ({ id: w.wave.id, name: w.wave.name, index: w.index });

/** Every event the release's current state implies; the watcher sends those it had not seen before. */
export function releaseEvents(state: DomainState, releaseId: ReleaseId, now: string): WebhookEvent[] {
  const entry = state.catalog.releases[releaseId];
  const release = { id: releaseId as string, name: entry?.name ?? releaseId };
  const out: WebhookEvent[] = [];
  const add = (type: WebhookEventType, key: string, occurredAt: string, detail: Record<string, unknown>) =>
    out.push({ id: eventIdOf(releaseId, type, key), type, occurredAt, release, ...detail });

  const status = rolloutStatus(state, releaseId, { now });
  const halted = status.halted !== null;
  for (const wave of status.waves) {
    if (wave.index > 0 && wave.open)
      add('gate.opened', wave.wave.id, wave.openedAt ?? now, { wave: waveOf(wave), openedBy: wave.openedBy });
    if (wave.gate?.readyForSignOff)
      add('gate.ready_for_sign_off', wave.wave.id, wave.gate.soakEndsAt ?? now, {
        wave: waveOf(wave),
        conditions: wave.gate.conditions.map((c) => ({ kind: c.kind, met: c.met, at: c.at })),
      });
    if (wave.complete && wave.completedAt !== null)
      add('wave.completed', `${wave.wave.id}@${wave.completedAt}`, wave.completedAt, {
        wave: waveOf(wave),
        completion: { total: wave.completion.total, complete: wave.completion.complete },
      });
  }
  if (status.complete) {
    const at = status.completion.lastAt ?? entry?.activatedAt ?? now;
    add('release.completed', at, at, {
      completion: { total: status.completion.total, complete: status.completion.complete },
    });
  }
  for (const e of status.log.events) {
    if (e.kind !== 'rollout-halted' && e.kind !== 'rollout-resumed') continue;
    add(e.kind === 'rollout-halted' ? 'rollout.halted' : 'rollout.resumed', e.id, e.at, {
      by: { id: e.by, name: e.byName },
      reason: e.detail.reason ?? '',
      // A resume made apart from a halt leaves the rollout halted (MR-10): say how it stands now.
      halted,
    });
  }
  for (const e of state.releases[releaseId]?.events ?? []) {
    if (e.kind !== 'skipped' && e.kind !== 'reverted') continue;
    add(e.kind === 'skipped' ? 'step.skipped' : 'step.reverted', e.id, e.at, {
      step: { id: e.stepId, customerId: e.customerId, templateId: e.templateId },
      by: { id: e.by, name: e.byName },
      reason: e.detail.reason ?? '',
    });
  }
  return out;
}
