/**
 * What marking a step done or skipped must ask the rollout (WV-05, WV-08, WV-09, MR-09): is the step's
 * wave open and not halted; the first step done in a wave records that wave's opening; and once any
 * halt is known, each status event records the rollout heads this device knew (rollout-log.ts).
 * Computed once per command, so a bulk command pays for it once.
 */
import type { ReleaseOp } from '../change.ts';
import type { CommandContext } from '../context.ts';
import type { CustomerId, WaveId } from '../ids.ts';
import { type Failure, refuse } from '../result.ts';
import { readRolloutLog, rolloutMarker } from '../rollout-log.ts';
import { type RolloutStatus, rolloutStatus, stepLock } from '../rollout-status.ts';
import type { DomainState, ReleaseState } from '../state.ts';
import { RolloutEvents } from './wave-support.ts';

export class RolloutGuard {
  private status: RolloutStatus | null = null;
  private readonly recorded = new Set<WaveId>();
  private readonly events: RolloutEvents;
  /** `detail.rollout` for the command's status events; undefined while no halt is known. */
  readonly marker: string | undefined;
  /** A release that never had waves or a halt costs nothing more per step. */
  private readonly quiet: boolean;

  constructor(
    private readonly state: DomainState,
    private readonly doc: ReleaseState,
    private readonly ctx: CommandContext,
  ) {
    this.events = new RolloutEvents(doc, ctx);
    const log = readRolloutLog(doc.events);
    this.marker = rolloutMarker(log);
    this.quiet = Object.keys(doc.waves).length === 0 && log.openHalts.length === 0;
  }

  /** The openings to record, to put before the command's other ops. */
  get ops(): ReleaseOp[] {
    return this.events.ops;
  }

  private current(): RolloutStatus {
    this.status ??= rolloutStatus(this.state, this.doc.releaseId, { now: this.ctx.now() });
    return this.status;
  }

  /** `wave-not-open` or `rollout-halted` when the customer's steps are locked now. */
  check(customerId: CustomerId, field = 'stepId'): Failure | null {
    if (this.quiet) return null;
    const status = this.current();
    const lock = stepLock(status, customerId);
    if (lock === null) return null;
    const index = status.waveIndex.get(customerId);
    const wave = index === undefined ? undefined : status.waves[index];
    if (lock === 'rollout-halted') {
      const halt = status.halted;
      return refuse(
        'rollout-halted',
        field,
        halt ? { haltedBy: halt.byName, reason: halt.reason } : undefined,
      );
    }
    return refuse(
      'wave-not-open',
      field,
      wave
        ? { waveId: wave.wave.id, wave: wave.wave.name, waitingFor: wave.gate?.waitingFor.join(',') ?? '' }
        : undefined,
    );
  }

  /** After a step of `customerId` passed `check` and changes: records its wave's opening once (WV-09). */
  admit(customerId: CustomerId): void {
    if (this.quiet) return;
    const status = this.current();
    const index = status.waveIndex.get(customerId);
    const wave = index === undefined ? undefined : status.waves[index];
    if (!wave || wave.index === 0 || wave.openingRecorded || this.recorded.has(wave.wave.id)) return;
    this.recorded.add(wave.wave.id);
    this.events.add('gate-opened', {
      wave: wave.wave.id,
      how: 'conditions',
      openedAt: wave.openedAt ?? this.ctx.now(),
    });
  }
}
