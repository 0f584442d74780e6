/**
 * Rollout clashes a merge can bring (MR-08, MR-09). Nothing is undone: the merge already decided (a
 * halt wins over a sign-off made apart from it; a step done stays done), and these lists say what a
 * person should look at, until a `conflict-reviewed` event names the conflict (MR-07).
 *
 * - `gate-during-halt`: a sign-off or an early opening made apart from a halt. It does not count
 *   (rollout-log.ts); the gate needs a new one once the rollout is resumed.
 * - `done-while-closed`: a step done or skipped while its wave was closed elsewhere. Either a halt that
 *   locked the step's wave and the step's status event were made apart (neither knew the other), or
 *   the step is complete in a wave whose gate is closed: its customer was moved into that wave, or the
 *   wave it was done in was deleted or replanned, on another device. The gate case needs the catalog
 *   and judges soaks as over, so the list never changes by the clock alone.
 */
import type { HistoryEvent } from './entities/step-event.ts';
import type { CustomerId, EventId, ReleaseId, StepId, WaveId } from './ids.ts';
import type { Resolution } from './resolution.ts';
import { statusOf } from './resolve.ts';
import { eventKnewHalt, haltKnew, indexEvents, type RolloutLog, readRolloutLog } from './rollout-log.ts';
import { rolloutStatus } from './rollout-status.ts';
import type { CatalogState, ReleaseState } from './state.ts';
import { liveWaves, waveOfCustomer } from './waves.ts';

export type RolloutConflict =
  | {
      kind: 'gate-during-halt';
      id: string;
      releaseId: ReleaseId;
      waveId: WaveId | null;
      /** The sign-off or early opening that does not count. */
      eventIds: EventId[];
      haltEventIds: EventId[];
      resolutions: Resolution[];
    }
  | {
      kind: 'done-while-closed';
      id: string;
      releaseId: ReleaseId;
      stepId: StepId;
      customerId: CustomerId | null;
      /** The step's wave now; null in a release without waves. */
      waveId: WaveId | null;
      /** The status events made while the wave was closed; they stand. */
      eventIds: EventId[];
      /** The halts they were made apart from (empty in the gate case). */
      haltEventIds: EventId[];
      resolutions: Resolution[];
    };

/** Made apart from a halt: sign-offs and early openings (openings recorded by work are not listed). */
function gateDuringHalt(doc: ReleaseState, log: RolloutLog): RolloutConflict[] {
  const out: RolloutConflict[] = [];
  for (const e of log.events) {
    const halts = log.voided.get(e.id);
    if (!halts) continue;
    if (e.kind !== 'gate-signed-off' && !(e.kind === 'gate-opened' && e.detail.how === 'early')) continue;
    const haltIds = [...halts].sort();
    out.push({
      kind: 'gate-during-halt',
      id: `gate-during-halt:${e.id}:${haltIds.join(',')}`,
      releaseId: doc.releaseId,
      waveId: (e.detail.wave as WaveId | undefined) ?? null,
      eventIds: [e.id],
      haltEventIds: haltIds,
      resolutions: [
        { command: 'reviewConflict', label: 'Keep the rollout halted' },
        { command: 'resumeRollout', label: 'Resume, then sign the gate off again' },
      ],
    });
  }
  return out;
}

interface Found {
  customerId: CustomerId | null;
  events: Set<EventId>;
  halts: Set<EventId>;
}

const completes = (e: HistoryEvent) => (e.kind === 'done' || e.kind === 'skipped') && e.stepId !== null;

export function rolloutConflicts(doc: ReleaseState, catalog?: CatalogState): RolloutConflict[] {
  const hasWaves = Object.keys(doc.waves).length > 0;
  const log = readRolloutLog(doc.events);
  if (log.events.length === 0 && !hasWaves) return [];
  const live = liveWaves(doc);
  const found = new Map<StepId, Found>();
  const note = (e: HistoryEvent, halt: EventId | null) => {
    const stepId = e.stepId as StepId;
    const f = found.get(stepId) ?? { customerId: e.customerId, events: new Set(), halts: new Set() };
    f.events.add(e.id);
    if (halt) f.halts.add(halt);
    found.set(stepId, f);
  };
  const waveOf = (customerId: CustomerId | null) =>
    customerId ? (waveOfCustomer(doc, live, customerId)?.id ?? null) : null;

  if (log.halts.length > 0) {
    const index = indexEvents(doc.events);
    const locks = log.halts.map((h) => ({ halt: h, locked: new Set((h.detail.locked ?? '').split(',')) }));
    for (const e of doc.events) {
      if (!completes(e)) continue;
      const wave = waveOf(e.customerId);
      for (const { halt, locked } of locks) {
        const covers = locked.has('*') || (wave !== null && locked.has(wave));
        if (covers && !haltKnew(halt, e, index) && !eventKnewHalt(e, halt, log)) note(e, halt.id);
      }
    }
  }

  if (catalog && live.length > 0) {
    const state = { catalog, releases: { [doc.releaseId]: doc } };
    const status = rolloutStatus(state, doc.releaseId, { now: null });
    // The newest event that set each step's current status: done and skipped apart, so a merged
    // status that is not the last one written still finds the event that set it.
    const setBy = new Map<string, HistoryEvent>();
    for (const e of doc.events) if (completes(e)) setBy.set(`${e.stepId}|${e.to}`, e);
    for (const [stepId, s] of Object.entries(doc.stepStates)) {
      const current = statusOf(s);
      if (current !== 'done' && current !== 'skipped') continue;
      const e = setBy.get(`${stepId}|${current}`);
      if (!e?.customerId) continue;
      const index = status.waveIndex.get(e.customerId);
      if (index !== undefined && status.waves[index]?.open === false) note(e, null);
    }
  }

  const out: RolloutConflict[] = [...gateDuringHalt(doc, log)];
  for (const [stepId, f] of [...found].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const eventIds = [...f.events].sort();
    out.push({
      kind: 'done-while-closed',
      id: `done-while-closed:${stepId}:${eventIds.join(',')}`,
      releaseId: doc.releaseId,
      stepId,
      customerId: f.customerId,
      waveId: waveOf(f.customerId),
      eventIds,
      haltEventIds: [...f.halts].sort(),
      resolutions: [
        { command: 'reviewConflict', label: 'Keep it' },
        { command: 'revertStep', label: 'Revert it' },
      ],
    });
  }
  return out;
}
