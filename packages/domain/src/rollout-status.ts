/**
 * Where a rollout stands (WV-04..WV-09): for each wave whether it is open, complete, locked, and for
 * each gate which conditions are met, computed from plain state and a clock. Nothing is stored about a
 * gate but what people did (sign-offs, early openings, halts, resumes, the first work in an opened
 * wave); so two devices that meet compute the same answer.
 *
 * - The first wave opens with the release. Wave i > 0 opens when wave i-1 is open and every condition
 *   of its gate is met (WV-04), or when an opening is recorded for it (`gate-opened`: early by an
 *   admin, at a sign-off, or by the first step done in it, WV-09), or when a later wave's opening is
 *   recorded (a wave never opens before the one ahead of it). A recorded opening keeps the wave open
 *   if a step of the previous wave is reverted later: work under way in a wave is not locked by that.
 * - A wave is complete when it is open and every step of its customers is done or skipped; an empty
 *   wave is complete once open.
 * - Halted (rollout-log.ts): every wave not complete is locked (WV-08).
 * - Soak (WV-04) starts when the gate's completion conditions were met, or when the previous wave
 *   opened if the gate has none. With `now: null` a soak counts as over: conflict lists use that so
 *   they never change by the clock alone.
 */
import type { HistoryEvent } from './entities/step-event.ts';
import type { Wave } from './entities/wave.ts';
import type { CustomerId, EventId, ReleaseId } from './ids.ts';
import { compareStrings } from './ordering.ts';
import { currentHalt, type RolloutLog, readRolloutLog } from './rollout-log.ts';
import { type DomainState, emptyReleaseState } from './state.ts';
import { addCompletion, type Completion, customerCompletion, emptyCompletion } from './wave-completion.ts';
import { liveWaves, participantsByWave } from './waves.ts';

export type GateConditionKind = 'previous-complete' | 'verify-complete' | 'soak' | 'sign-off';

export interface GateCondition {
  kind: GateConditionKind;
  met: boolean;
  /** When it was met; for a soak, when it ends (or ended); null while unknown. */
  at: string | null;
}

export interface GateRecord {
  eventId: EventId;
  by: string;
  byName: string;
  at: string;
  /** The sign-off's note or the early opening's reason. */
  text: string | null;
  /** Made apart from a halt: it does not count, and history shows it flagged (MR-08). */
  voided: boolean;
}

export interface GateStatus {
  conditions: GateCondition[];
  /** The conditions not met yet, in the order of `conditions`. */
  waitingFor: GateConditionKind[];
  soakEndsAt: string | null;
  /** Every sign-off of this gate, voided ones included, in document order. */
  signOffs: GateRecord[];
  /** Every other condition is met, the wave ahead is open, nothing is halted: a sign-off opens it. */
  readyForSignOff: boolean;
  /** An admin's early opening that counts (WV-07). */
  openedEarly: GateRecord | null;
}

export type WaveLock = 'wave-not-open' | 'rollout-halted';
export type OpenedBy = 'release' | 'conditions' | 'sign-off' | 'early';

export interface WaveStatus {
  wave: Wave;
  index: number;
  /** Its participants (archived customers included; they are left out of the counts). */
  customerIds: CustomerId[];
  completion: Completion;
  open: boolean;
  openedAt: string | null;
  openedBy: OpenedBy | null;
  /** Its opening is recorded (its own or a later wave's): it stays open whatever the gate says now. */
  openingRecorded: boolean;
  complete: boolean;
  completedAt: string | null;
  /** Null on the first wave. */
  gate: GateStatus | null;
  /** Why its steps cannot be marked done or skipped now; null when they can. */
  lock: WaveLock | null;
}

export interface HaltInfo {
  eventId: EventId;
  by: string;
  byName: string;
  at: string;
  reason: string;
}

export interface RolloutStatus {
  releaseId: ReleaseId;
  /** In rollout order; empty when the release has no waves. */
  waves: WaveStatus[];
  /** The index in `waves` of each participant's wave. */
  waveIndex: Map<CustomerId, number>;
  halted: HaltInfo | null;
  /** The whole release: with no waves it is the one implicit wave a halt locks. */
  completion: Completion;
  complete: boolean;
  /** The first wave that is open and not complete. */
  running: WaveStatus | null;
  /** The first wave that is not open: what the dashboard says the rollout waits for. */
  next: WaveStatus | null;
  log: RolloutLog;
}

export interface RolloutOptions {
  /** The time to judge soaks by (ISO); null counts every soak as over. */
  now: string | null;
}

const laterOf = (a: string | null, b: string | null): string | null =>
  a === null ? b : b === null ? a : Date.parse(b) > Date.parse(a) ? b : a;

const plusMinutes = (iso: string, minutes: number) =>
  new Date(Date.parse(iso) + minutes * 60_000).toISOString();

function record(e: HistoryEvent, text: string | undefined, log: RolloutLog): GateRecord {
  return {
    eventId: e.id,
    by: e.by,
    byName: e.byName,
    at: e.at,
    text: text ?? null,
    voided: log.voided.has(e.id),
  };
}

const byTime = (a: HistoryEvent, b: HistoryEvent) => compareStrings(a.at, b.at) || compareStrings(a.id, b.id);

/** The openings recorded for each wave that count, earliest first. */
function openingsByWave(log: RolloutLog): Map<string, HistoryEvent[]> {
  const out = new Map<string, HistoryEvent[]>();
  for (const e of log.events) {
    if (e.kind !== 'gate-opened' || log.voided.has(e.id) || !e.detail.wave) continue;
    const list = out.get(e.detail.wave) ?? [];
    list.push(e);
    out.set(e.detail.wave, list);
  }
  for (const list of out.values()) list.sort(byTime);
  return out;
}

function gateOf(
  wave: Wave,
  prev: WaveStatus,
  log: RolloutLog,
  halted: boolean,
  now: string | null,
): { gate: GateStatus; met: boolean; metAt: string | null } {
  const conditions: GateCondition[] = [];
  const completionAts: Array<string | null> = [];
  let completionMet = true;
  if (wave.gatePreviousComplete) {
    conditions.push({ kind: 'previous-complete', met: prev.complete, at: prev.completedAt });
    completionAts.push(prev.completedAt);
    completionMet &&= prev.complete;
  }
  if (wave.gateVerifyComplete) {
    const c = prev.completion;
    const met = prev.open && c.verifyComplete === c.verifyTotal;
    const at = met ? laterOf(prev.openedAt, c.verifyLastAt) : null;
    conditions.push({ kind: 'verify-complete', met, at });
    completionAts.push(at);
    completionMet &&= met;
  }
  let soakEndsAt: string | null = null;
  if (wave.gateSoakMinutes > 0) {
    const start =
      completionAts.length > 0
        ? completionMet
          ? completionAts.reduce(laterOf, null)
          : null
        : prev.open
          ? prev.openedAt
          : null;
    soakEndsAt = start === null ? null : plusMinutes(start, wave.gateSoakMinutes);
    const met = soakEndsAt !== null && (now === null || Date.parse(now) >= Date.parse(soakEndsAt));
    conditions.push({ kind: 'soak', met, at: soakEndsAt });
  }
  const waveEvents = log.events.filter((e) => e.detail.wave === wave.id);
  const signOffs = waveEvents
    .filter((e) => e.kind === 'gate-signed-off')
    .map((e) => record(e, e.detail.note, log));
  if (wave.gateSignOff) {
    const valid = signOffs.filter((s) => !s.voided).map((s) => s.at);
    const at = valid.length > 0 ? valid.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a)) : null;
    conditions.push({ kind: 'sign-off', met: at !== null, at });
  }
  const early = waveEvents
    .filter((e) => e.kind === 'gate-opened' && e.detail.how === 'early' && !log.voided.has(e.id))
    .sort(byTime)[0];
  const met = prev.open && conditions.every((c) => c.met);
  const othersMet = conditions.every((c) => c.met || c.kind === 'sign-off');
  const signOffMet = conditions.some((c) => c.kind === 'sign-off' && c.met);
  const metAt = met ? conditions.map((c) => c.at).reduce(laterOf, prev.openedAt) : null;
  return {
    gate: {
      conditions,
      waitingFor: conditions.filter((c) => !c.met).map((c) => c.kind),
      soakEndsAt,
      signOffs,
      readyForSignOff: wave.gateSignOff && !signOffMet && prev.open && othersMet && !halted,
      openedEarly: early ? record(early, early.detail.reason, log) : null,
    },
    met,
    metAt,
  };
}

/** WV-04..WV-09: every wave's state, the halt, and what the rollout waits for. */
export function rolloutStatus(
  state: DomainState,
  releaseId: ReleaseId,
  options: RolloutOptions,
): RolloutStatus {
  const doc = state.releases[releaseId] ?? emptyReleaseState(releaseId);
  const release = state.catalog.releases[releaseId];
  const releaseOpen = release !== undefined && release.status !== 'draft' && release.activatedAt !== null;
  const live = liveWaves(doc);
  const log = readRolloutLog(doc.events);
  const halt = currentHalt(log);
  const halted = halt !== null;
  const perCustomer = customerCompletion(state, releaseId);
  const whole = emptyCompletion();
  for (const c of perCustomer.values()) addCompletion(whole, c);

  const openings = openingsByWave(log);
  // A recorded opening of a later wave opens every wave ahead of it (WV-09).
  const laterOpening: Array<HistoryEvent | undefined> = [];
  let seen: HistoryEvent | undefined;
  for (let i = live.length - 1; i >= 0; i--) {
    laterOpening[i] = seen;
    const own = openings.get((live[i] as Wave).id)?.[0];
    if (own) seen = own;
  }

  const groups = participantsByWave(doc, live);
  const waveIndex = new Map<CustomerId, number>();
  const waves: WaveStatus[] = [];
  live.forEach((wave, index) => {
    const customerIds = groups.get(wave.id) ?? [];
    const completion = emptyCompletion();
    for (const id of customerIds) {
      waveIndex.set(id, index);
      const c = perCustomer.get(id);
      if (c) addCompletion(completion, c);
    }
    let open: boolean;
    let openedAt: string | null;
    let openedBy: OpenedBy | null;
    let gate: GateStatus | null = null;
    let openingRecorded = false;
    const prev = waves[index - 1];
    if (!prev) {
      open = releaseOpen;
      openedAt = open ? (release?.activatedAt ?? null) : null;
      openedBy = open ? 'release' : null;
    } else {
      const g = gateOf(wave, prev, log, halted, options.now);
      gate = g.gate;
      const recorded = openings.get(wave.id)?.[0] ?? laterOpening[index];
      if (recorded) {
        open = true;
        openingRecorded = true;
        openedAt = recorded.detail.openedAt ?? recorded.at;
        openedBy = (recorded.detail.how as OpenedBy | undefined) ?? 'conditions';
      } else if (g.met) {
        open = true;
        openedAt = g.metAt;
        openedBy = wave.gateSignOff ? 'sign-off' : 'conditions';
      } else {
        open = false;
        openedAt = null;
        openedBy = null;
      }
    }
    const complete = open && completion.complete === completion.total;
    const status: WaveStatus = {
      wave,
      index,
      customerIds,
      completion,
      open,
      openedAt,
      openedBy,
      openingRecorded,
      complete,
      completedAt: complete ? laterOf(openedAt, completion.lastAt) : null,
      gate,
      lock: halted && !complete ? 'rollout-halted' : open ? null : 'wave-not-open',
    };
    waves.push(status);
  });

  return {
    releaseId,
    waves,
    waveIndex,
    halted: halt
      ? { eventId: halt.id, by: halt.by, byName: halt.byName, at: halt.at, reason: halt.detail.reason ?? '' }
      : null,
    completion: whole,
    complete: releaseOpen && whole.complete === whole.total,
    running: waves.find((w) => w.open && !w.complete) ?? null,
    next: waves.find((w) => !w.open) ?? null,
    log,
  };
}

/** Why a step of `customerId` cannot be marked done or skipped now (WV-05, WV-08); null when it can. */
export function stepLock(status: RolloutStatus, customerId: CustomerId): WaveLock | null {
  if (status.waves.length === 0) return status.halted && !status.complete ? 'rollout-halted' : null;
  const index = status.waveIndex.get(customerId);
  return index === undefined ? null : (status.waves[index]?.lock ?? null);
}
