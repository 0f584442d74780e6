/**
 * The rollout's history read as facts (WV-08, MR-08, MR-09, MR-10). Halts, resumes, sign-offs and gate
 * openings are events of one causal chain per release (subject `rollout`, history.ts): each names the
 * rollout events its device knew (`after` + `seen`), so whether two of them were made apart is read
 * from the data, never from device clocks.
 *
 * - The rollout is halted while some halt is not an ancestor of any resume (MR-10: a halt and a resume
 *   made apart leave it halted; stopping is the safe side).
 * - A sign-off or a gate opening made apart from a halt does not count: the halt wins, the event stays
 *   in history, flagged (MR-08).
 * - Steps and the rollout chain know of each other through two small records, so the common case (no
 *   halt ever) costs nothing per step: a halt records, per device, the newest event of that device it
 *   knew (`detail.known`, JSON), which says which step events it knew because a device's events keep
 *   their order in the merged history (a device appends after everything it has). A step status event
 *   made by a device that knew of a halt records the rollout heads it knew (`detail.rollout`). Neither
 *   knowing the other is "made apart" (MR-09).
 */
import { type HistoryEvent, isRolloutEvent } from './entities/step-event.ts';
import { causalLinks, parentsOf } from './history.ts';
import type { EventId } from './ids.ts';
import { compareStrings } from './ordering.ts';

export interface RolloutLog {
  /** Rollout events in document order. */
  events: HistoryEvent[];
  halts: HistoryEvent[];
  /** Halts no resume knew of: while there is one, the rollout is halted. Document order. */
  openHalts: HistoryEvent[];
  /** Sign-offs and gate openings made apart from a halt, with the halts they were made apart from. */
  voided: Map<EventId, EventId[]>;
  /** Whether `ancestorId` is `id` or one of its ancestors in the rollout chain. */
  knows(id: string, ancestorId: string): boolean;
}

/** Gate events that a halt made apart from them voids (MR-08). */
const GATE_KINDS = new Set(['gate-signed-off', 'gate-opened']);

export function readRolloutLog(all: readonly HistoryEvent[]): RolloutLog {
  const events = all.filter(isRolloutEvent);
  const byId = new Map(events.map((e) => [e.id as string, e]));
  const ancestors = new Map<string, Set<string>>();
  const ancestorsOf = (id: string): Set<string> => {
    const known = ancestors.get(id);
    if (known) return known;
    // Iterative walk: a long chain must not overflow the stack.
    const out = new Set<string>();
    const stack = [...parentsOf(byId.get(id) as HistoryEvent)];
    while (stack.length > 0) {
      const next = stack.pop() as string;
      if (out.has(next)) continue;
      out.add(next);
      const e = byId.get(next);
      if (e) stack.push(...parentsOf(e));
    }
    ancestors.set(id, out);
    return out;
  };
  const knows = (id: string, ancestorId: string) =>
    id === ancestorId || (byId.has(id) && ancestorsOf(id).has(ancestorId));
  const apart = (a: string, b: string) => !knows(a, b) && !knows(b, a);

  const halts = events.filter((e) => e.kind === 'rollout-halted');
  const resumes = events.filter((e) => e.kind === 'rollout-resumed');
  const openHalts = halts.filter((h) => !resumes.some((r) => knows(r.id, h.id)));
  const voided = new Map<EventId, EventId[]>();
  for (const e of events) {
    if (!GATE_KINDS.has(e.kind)) continue;
    const by = halts.filter((h) => apart(h.id, e.id)).map((h) => h.id);
    if (by.length > 0) voided.set(e.id, by);
  }
  return { events, halts, openHalts, voided, knows };
}

/** The newest of the open halts (by time, then id): the one the header shows. */
export function currentHalt(log: RolloutLog): HistoryEvent | null {
  let best: HistoryEvent | null = null;
  for (const h of log.openHalts) {
    if (!best || compareStrings(h.at, best.at) > 0 || (h.at === best.at && h.id > best.id)) best = h;
  }
  return best;
}

/**
 * What a new step status event records of the rollout (`detail.rollout`): the rollout heads this device
 * knows, once any halt is known; nothing before, so a release never halted pays nothing per step.
 */
export function rolloutMarker(log: RolloutLog): string | undefined {
  if (log.halts.length === 0) return undefined;
  const links = causalLinks(log.events);
  return [links.after, ...(links.seen?.split(',') ?? [])].filter(Boolean).join(',');
}

/** What a halt records of the step events (`detail.known`): the newest event of each device, as JSON. */
export function knownByDevice(events: readonly HistoryEvent[]): string {
  const last = new Map<string, string>();
  for (const e of events) last.set(e.device, e.id);
  const sorted = [...last].sort(([a], [b]) => compareStrings(a, b));
  return JSON.stringify(Object.fromEntries(sorted));
}

/** Positions of events in document order, for `haltKnew`. */
export type EventIndex = ReadonlyMap<string, number>;

export function indexEvents(events: readonly HistoryEvent[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const [i, e] of events.entries()) out.set(e.id, i);
  return out;
}

function parseKnown(halt: HistoryEvent): Record<string, string> {
  try {
    const value = JSON.parse(halt.detail.known ?? '{}') as unknown;
    return value && typeof value === 'object' ? (value as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** Did the device that halted know `event`? Its device's newest event it knew is at or after it. */
export function haltKnew(halt: HistoryEvent, event: HistoryEvent, index: EventIndex): boolean {
  const last = parseKnown(halt)[event.device];
  if (last === undefined) return false;
  const at = index.get(event.id);
  const lastAt = index.get(last);
  return at !== undefined && lastAt !== undefined && at <= lastAt;
}

/** Did the device that made step event `event` know `halt`? (Its `detail.rollout` descends from it.) */
export function eventKnewHalt(event: HistoryEvent, halt: HistoryEvent, log: RolloutLog): boolean {
  const marker = event.detail.rollout;
  if (!marker) return false;
  return marker.split(',').some((id) => id !== '' && log.knows(id, halt.id));
}
