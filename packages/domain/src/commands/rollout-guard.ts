/**
 * What marking a step done or skipped must ask the rollout (WV-05, WV-08, WV-09, MR-09): is the step's
 * wave open and not halted; the first step done in a wave records that wave's opening; and once any
 * halt is known, each status event records the rollout heads this device knew (rollout-log.ts).
 *
 * Most steps are done in the first wave or in a wave whose opening is recorded; those need no counts
 * (`openWithoutCounting`), so a click costs a pass over the history, not the whole rollout. The rest
 * (the first step of a newly opened wave, a refusal, a halt) computes `rolloutStatus` once per command,
 * so a bulk command pays for it once.
 */
import type { ReleaseOp } from '../change.ts';
import type { CommandContext } from '../context.ts';
import type { CustomerId, WaveId } from '../ids.ts';
import { type Failure, refuse } from '../result.ts';
import { type RolloutLog, readRolloutLog, rolloutMarker } from '../rollout-log.ts';
import { type RolloutStatus, rolloutStatus, stepLock } from '../rollout-status.ts';
import type { DomainState, ReleaseState } from '../state.ts';
import { liveWaves, waveOfCustomer } from '../waves.ts';
import { RolloutEvents } from './wave-support.ts';

export class RolloutGuard {
  private status: RolloutStatus | null = null;
  private readonly recorded = new Set<WaveId>();
  private readonly events: RolloutEvents;
  /** `detail.rollout` for the command's status events; undefined while no halt is known. */
  readonly marker: string | undefined;
  /** A release that never had waves or a halt costs nothing more per step. */
  private readonly quiet: boolean;
  private readonly log: RolloutLog;
  /** Waves whose opening is recorded (theirs or a later wave's): open whatever their gate says. */
  private readonly recordedOpen = new Set<WaveId>();

  constructor(
    private readonly state: DomainState,
    private readonly doc: ReleaseState,
    private readonly ctx: CommandContext,
  ) {
    this.events = new RolloutEvents(doc, ctx);
    const log = readRolloutLog(doc.events);
    this.log = log;
    this.marker = rolloutMarker(log);
    this.quiet = Object.keys(doc.waves).length === 0 && log.openHalts.length === 0;
    if (!this.quiet) {
      const live = liveWaves(doc);
      const opened = new Set<string>();
      for (const e of log.events)
        if (e.kind === 'gate-opened' && !log.voided.has(e.id) && e.detail.wave) opened.add(e.detail.wave);
      let later = false;
      for (let i = live.length - 1; i >= 0; i--) {
        const id = (live[i] as (typeof live)[number]).id;
        later ||= opened.has(id);
        if (later) this.recordedOpen.add(id);
      }
    }
  }

  /**
   * Open for sure without counting steps: nothing is halted, and the customer's wave is the first
   * (open with the active release) or has a recorded opening (WV-09). Null when counting is needed.
   */
  private openWithoutCounting(customerId: CustomerId): boolean {
    if (this.log.openHalts.length > 0) return false;
    const live = liveWaves(this.doc);
    const wave = waveOfCustomer(this.doc, live, customerId);
    if (!wave) return false;
    if (wave.id === live[0]?.id) return this.state.catalog.releases[this.doc.releaseId]?.status === 'active';
    return this.recordedOpen.has(wave.id);
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
    if (this.quiet || this.openWithoutCounting(customerId)) return null;
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
    if (this.quiet || this.openWithoutCounting(customerId)) return;
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
