import type { CustomerId, RolloutStatus, Wave, WaveStatus } from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import { formatMinutes, nextGateText, soakLeftText, stepLockText, waitingText } from './rollout-text';

const wave = (name: string): Wave => ({ id: `wave:${name}`, name, gateSoakMinutes: 120 }) as unknown as Wave;

function status(partial: Partial<RolloutStatus>, waves: Array<Partial<WaveStatus>>): RolloutStatus {
  return {
    waves: waves as WaveStatus[],
    waveIndex: new Map<CustomerId, number>([['customer:a' as CustomerId, 1]]),
    halted: null,
    complete: false,
    ...partial,
  } as RolloutStatus;
}

describe('rollout in words', () => {
  it('durations', () => {
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(120)).toBe('2 h');
    expect(formatMinutes(90)).toBe('1 h 30 min');
  });

  it('what a gate waits for, listed', () => {
    expect(waitingText(['sign-off'])).toBe('a sign-off');
    expect(waitingText(['previous-complete', 'soak', 'sign-off'])).toBe(
      'the previous wave to complete, the soak time and a sign-off',
    );
    expect(nextGateText({ wave: wave('Region'), gate: { waitingFor: ['sign-off'] } } as WaveStatus)).toBe(
      'Region waits for a sign-off.',
    );
  });

  it('soak time left, rounded up to the minute; over once past', () => {
    expect(soakLeftText('2026-01-01T02:00:00.000Z', '2026-01-01T00:39:30.000Z')).toBe('1 h 21 min left');
    expect(soakLeftText('2026-01-01T02:00:00.000Z', '2026-01-01T02:00:01.000Z')).toBe('soak over');
  });

  it('WV-05: wave-not-open names the wave and what its gate waits for', () => {
    const s = status({}, [
      { wave: wave('Canary'), lock: null },
      {
        wave: wave('Region'),
        lock: 'wave-not-open',
        gate: { waitingFor: ['previous-complete', 'sign-off'] } as never,
      },
    ]);
    expect(stepLockText(s, 'customer:a' as CustomerId)).toBe(
      'Region is not open yet: its gate waits for the previous wave to complete and a sign-off. Its steps can be read and copied, not marked done or skipped.',
    );
  });

  it('WV-08: a halt names who halted and why; an open wave has no lock', () => {
    const halted = {
      eventId: 'e',
      by: 'u',
      byName: 'Dana',
      at: '2026-01-01T00:00:00.000Z',
      reason: 'errors up',
    };
    const s = status({ halted } as Partial<RolloutStatus>, [
      { wave: wave('Canary'), lock: null },
      { wave: wave('Region'), lock: 'rollout-halted' },
    ]);
    expect(stepLockText(s, 'customer:a' as CustomerId)).toContain('Halted by Dana: errors up');
    const open = status({}, [
      { wave: wave('Canary'), lock: null },
      { wave: wave('Region'), lock: null },
    ]);
    expect(stepLockText(open, 'customer:a' as CustomerId)).toBeNull();
  });
});
