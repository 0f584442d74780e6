/**
 * The rollout's merge rules, judged against what each replica really knew when it acted (SimLog.knew),
 * not against the records the domain keeps to find out (`after`/`seen`, a halt's per-device record, a
 * step event's `detail.rollout`). A problem means the domain's reading of those records and the truth
 * disagree, or a rule broke without its conflict being listed.
 *
 * "Knew" has two honest readings here. The simulation's replicas talk in a mesh, and a replica can
 * hold an event without an event it descends from (seed 1916: d3 held d1's wave change, made after a
 * resume, but not the resume). Two events are apart for sure when neither even descends from the
 * other (happened-before), and surely not apart when one replica held the other's event. The domain
 * must answer inside that range; between the two, either answer is right. Behind the relay, updates
 * reach every device in the order the relay got them, and the two readings are one.
 *
 * - MR-10: halted exactly when some halt was known to no resume.
 * - MR-08: a sign-off or opening counts exactly when no halt was made apart from it.
 * - MR-09: a step done or skipped apart from a halt that locked its wave is listed (or was reviewed),
 *   and a listed halt is one that really was made apart from the step's event; a step complete in a
 *   wave that is closed is listed (or was reviewed).
 */
import {
  type CustomerId,
  type DomainState,
  type HistoryEvent,
  listConflicts,
  liveWaves,
  type ReleaseId,
  readRolloutLog,
  rolloutStatus,
  type StepId,
  statusOf,
  waveOfCustomer,
} from '@runsheet/domain';
import type { SimLog } from './log.ts';

const GATE_KINDS = new Set(['gate-signed-off', 'gate-opened']);

export function checkRollout(state: DomainState, log: SimLog): string[] {
  const problems: string[] = [];
  const listed = listConflicts(state);
  const reviewed = new Set<string>();
  for (const doc of Object.values(state.releases))
    for (const e of doc.events)
      if (e.kind === 'conflict-reviewed' && e.detail.conflict) reviewed.add(e.detail.conflict);
  const mentioned = (kind: string, needle: string) =>
    listed.some((c) => c.kind === kind && c.id.includes(needle)) ||
    [...reviewed].some((id) => id.startsWith(`${kind}:`) && id.includes(needle));

  for (const releaseId of Object.keys(state.releases).sort() as ReleaseId[]) {
    const doc = state.releases[releaseId];
    if (!doc) continue;
    const held = (who: HistoryEvent, what: HistoryEvent): boolean | null => {
      const ids = log.knew.get(who.id);
      return ids ? ids.has(what.id) : null;
    };
    // Happened-before: what an event's replica held, and what those events knew, and so on.
    const past = new Map<string, Set<string>>();
    const pastOf = (id: string): Set<string> => {
      const known = past.get(id);
      if (known) return known;
      const out = new Set<string>();
      past.set(id, out);
      for (const y of log.knew.get(id) ?? []) {
        out.add(y);
        for (const z of pastOf(y)) out.add(z);
      }
      return out;
    };
    /** Apart for sure (by happened-before), surely not (one held the other), or either: null. */
    const apartRange = (x: HistoryEvent, y: HistoryEvent): { sure: boolean; possible: boolean } => {
      const heldEither = held(x, y) === true || held(y, x) === true;
      const before = pastOf(x.id).has(y.id) || pastOf(y.id).has(x.id);
      return { sure: !before, possible: !heldEither };
    };
    const knew = (who: HistoryEvent, what: HistoryEvent): boolean => held(who, what) === true;
    const halts = doc.events.filter((e) => e.kind === 'rollout-halted');
    const resumes = doc.events.filter((e) => e.kind === 'rollout-resumed');
    const rlog = readRolloutLog(doc.events);

    // MR-10
    const surelyHalted = halts.some((h) => !resumes.some((r) => pastOf(r.id).has(h.id)));
    const maybeHalted = halts.some((h) => !resumes.some((r) => knew(r, h)));
    const halted = rolloutStatus(state, releaseId, { now: null }).halted !== null;
    if ((surelyHalted && !halted) || (!maybeHalted && halted))
      problems.push(
        `MR-10 ${releaseId}: halted is ${halted}; by what resumes knew it is ${maybeHalted}, by happened-before ${surelyHalted}`,
      );

    // MR-08
    for (const g of doc.events) {
      if (!GATE_KINDS.has(g.kind)) continue;
      if (!log.knew.has(g.id)) problems.push(`MR-08 ${g.id}: no record of what was known`);
      const ranges = halts.map((h) => apartRange(h, g));
      const voided = rlog.voided.has(g.id);
      if (ranges.some((r) => r.sure) && !voided)
        problems.push(`MR-08 ${releaseId}: ${g.kind} ${g.id} counts, but a halt was made apart from it`);
      if (!ranges.some((r) => r.possible) && voided)
        problems.push(
          `MR-08 ${releaseId}: ${g.kind} ${g.id} is voided, but every halt knew it or it knew them`,
        );
    }

    // MR-09, the halt case
    const live = liveWaves(doc);
    for (const e of doc.events) {
      if ((e.kind !== 'done' && e.kind !== 'skipped') || !e.stepId) continue;
      const wave = e.customerId ? waveOfCustomer(doc, live, e.customerId)?.id : undefined;
      for (const h of halts) {
        const locked = new Set((h.detail.locked ?? '').split(','));
        const covers = locked.has('*') || (wave !== undefined && locked.has(wave));
        if (covers && apartRange(h, e).sure && !mentioned('done-while-closed', e.id))
          problems.push(
            `MR-09 ${releaseId}: ${e.kind} ${e.id} of ${e.stepId} made apart from halt ${h.id} is not listed`,
          );
      }
    }
    for (const c of listed) {
      if (c.kind !== 'done-while-closed' || c.releaseId !== releaseId) continue;
      for (const haltId of c.haltEventIds) {
        const h = halts.find((x) => x.id === haltId);
        const events = c.eventIds
          .map((id) => doc.events.find((x) => x.id === id))
          .filter((x) => x !== undefined);
        if (!h || !events.some((e) => apartRange(h, e).possible))
          problems.push(
            `MR-09 ${releaseId}: ${c.id} names halt ${haltId}, which knew its events or they knew it`,
          );
      }
    }

    // MR-09, the gate case
    const status = rolloutStatus(state, releaseId, { now: null });
    if (status.waves.length === 0) continue;
    const customerOf = new Map<string, CustomerId | null>();
    for (const e of doc.events) if (e.stepId) customerOf.set(e.stepId, e.customerId);
    for (const [stepId, s] of Object.entries(doc.stepStates)) {
      const current = statusOf(s);
      if (current !== 'done' && current !== 'skipped') continue;
      const owner = customerOf.get(stepId);
      const index = owner ? status.waveIndex.get(owner) : undefined;
      if (index === undefined || status.waves[index]?.open !== false) continue;
      if (!mentioned('done-while-closed', stepId as StepId))
        problems.push(
          `MR-09 ${releaseId}: ${stepId} is ${current} in the closed wave ${status.waves[index]?.wave.name}, not listed`,
        );
    }
  }
  return problems;
}
