/**
 * How the rollout is said in words: gate conditions, what a gate waits for, soak time left, why a step
 * cannot be marked done. One place, so the step panel, the timeline and the dashboard say it alike.
 */
import type {
  CustomerId,
  GateConditionKind,
  HaltInfo,
  RolloutStatus,
  Wave,
  WaveStatus,
} from '@runsheet/domain';
import { count } from '@/lib/count';

/** "2 h", "90 min", "1 h 30 min". */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return count(m, 'min', 'min');
  return m === 0 ? count(h, 'h', 'h') : `${count(h, 'h', 'h')} ${count(m, 'min', 'min')}`;
}

export function conditionLabel(kind: GateConditionKind, wave: Wave): string {
  switch (kind) {
    case 'previous-complete':
      return 'Every step of the previous wave complete';
    case 'verify-complete':
      return 'Verify steps of the previous wave complete';
    case 'soak':
      return `Soak of ${formatMinutes(wave.gateSoakMinutes)}`;
    case 'sign-off':
      return 'Sign-off by a member or admin';
  }
}

const WAITING: Record<GateConditionKind, string> = {
  'previous-complete': 'the previous wave to complete',
  'verify-complete': 'the verify steps of the previous wave',
  soak: 'the soak time',
  'sign-off': 'a sign-off',
};

/** "the previous wave to complete and a sign-off". */
export function waitingText(kinds: readonly GateConditionKind[]): string {
  const parts = kinds.map((k) => WAITING[k]);
  if (parts.length <= 1) return parts[0] ?? 'nothing';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** "Wave 2 (Region) waits for a sign-off." — what the dashboard and the timeline say of a closed wave. */
export function nextGateText(wave: WaveStatus): string {
  const waiting = wave.gate?.waitingFor ?? [];
  return waiting.length === 0
    ? `${wave.wave.name} opens with the wave before it.`
    : `${wave.wave.name} waits for ${waitingText(waiting)}.`;
}

/** "1 h 20 min left" until `endsAt`; "soak over" once past. */
export function soakLeftText(endsAt: string, now: string): string {
  const left = Math.ceil((Date.parse(endsAt) - Date.parse(now)) / 60_000);
  return left <= 0 ? 'soak over' : `${formatMinutes(left)} left`;
}

export function haltText(halt: HaltInfo): string {
  return `Halted by ${halt.byName}: ${halt.reason}`;
}

/**
 * Why a step of `customerId` cannot be marked done or skipped now (WV-05, WV-08), naming the wave and
 * what its gate waits for; null when it can.
 */
export function stepLockText(status: RolloutStatus, customerId: CustomerId): string | null {
  const index = status.waveIndex.get(customerId);
  const wave = index === undefined ? undefined : status.waves[index];
  if (status.waves.length === 0) {
    return status.halted && !status.complete
      ? `The rollout is halted (${haltText(status.halted)}): steps can be read and copied, not marked done or skipped.`
      : null;
  }
  if (!wave?.lock) return null;
  if (wave.lock === 'rollout-halted' && status.halted) {
    return `The rollout is halted (${haltText(status.halted)}): ${wave.wave.name} is locked until it is resumed.`;
  }
  return `${wave.wave.name} is not open yet: its gate waits for ${waitingText(wave.gate?.waitingFor ?? [])}. Its steps can be read and copied, not marked done or skipped.`;
}
