/**
 * One line per active release for the dashboard (issue 15 "views"): who halted it and why, which wave
 * runs, and what the next gate waits for. Null for a release that never had waves nor a halt, which
 * costs one look at its history.
 */
import { type DomainState, isRolloutEvent, type ReleaseId, rolloutStatus } from '@runsheet/domain';
import { haltText, nextGateText } from './rollout-text';

export interface RolloutSummary {
  halt: string | null;
  /** "Wave 1 of 3 running: Canary", or null when none is (all complete, or none open). */
  running: string | null;
  /** "Europe waits for a sign-off." */
  next: string | null;
}

export function rolloutSummary(state: DomainState, releaseId: ReleaseId, now: string): RolloutSummary | null {
  const doc = state.releases[releaseId];
  if (!doc) return null;
  if (Object.keys(doc.waves).length === 0 && !doc.events.some(isRolloutEvent)) return null;
  const status = rolloutStatus(state, releaseId, { now });
  if (status.waves.length === 0 && !status.halted) return null;
  const total = status.waves.length;
  return {
    halt: status.halted ? haltText(status.halted) : null,
    running: status.running
      ? `Wave ${status.running.index + 1} of ${total} running: ${status.running.wave.name}`
      : null,
    next: status.next ? nextGateText(status.next) : null,
  };
}
