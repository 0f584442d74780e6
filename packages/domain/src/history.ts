/**
 * Building history events, and the causal links between them.
 *
 * Every event of a step (or of a template) names the newest event of the same subject that the device
 * knew when it acted: `after`. When the device knew several heads (two branches that met in a merge and
 * were not yet continued) the others are listed in `detail.seen`, comma-separated. So `after` + `seen`
 * are the parents of an event, and "neither is an ancestor of the other" means "made apart from each
 * other": that is how conflicts.ts finds concurrent actions without trusting device clocks (MR-03).
 */
import type { CommandContext } from './context.ts';
import { type HistoryEvent, type HistoryEventKind, isRolloutEvent } from './entities/step-event.ts';
import type { StepStatus } from './enums.ts';
import { type EventFields, eventIdOf } from './event-id.ts';
import type { CustomerId, EventId, ReleaseId, StepId, TemplateId } from './ids.ts';

/** The subject of every rollout event of a release: one causal chain (ROLLOUT_EVENT_KINDS). */
export const ROLLOUT_SUBJECT = 'rollout';

/** What an event is about: its step, else its template, else the rollout, else the release (null). */
export function subjectOf(event: HistoryEvent): string | null {
  return event.stepId ?? event.templateId ?? (isRolloutEvent(event) ? ROLLOUT_SUBJECT : null);
}

export function parentsOf(event: HistoryEvent): string[] {
  const parents: string[] = [];
  if (event.after) parents.push(event.after);
  const seen = event.detail.seen;
  if (seen) for (const id of seen.split(',')) if (id) parents.push(id);
  return parents;
}

/** The events of each subject, in document order. One pass, for commands that touch many steps. */
export function eventsBySubject(events: readonly HistoryEvent[]): Map<string, HistoryEvent[]> {
  const out = new Map<string, HistoryEvent[]>();
  for (const e of events) {
    const subject = subjectOf(e);
    if (subject === null) continue;
    const list = out.get(subject);
    if (list) list.push(e);
    else out.set(subject, [e]);
  }
  return out;
}

export function eventsOfSubject(events: readonly HistoryEvent[], subject: string): HistoryEvent[] {
  return events.filter((e) => subjectOf(e) === subject);
}

/** Events of one subject that no other event of it continues from. */
export function headsOf(events: readonly HistoryEvent[]): HistoryEvent[] {
  const continued = new Set<string>();
  for (const e of events) for (const p of parentsOf(e)) continued.add(p);
  return events.filter((e) => !continued.has(e.id));
}

/**
 * `after` and `seen` for a new event of a subject whose known events are `prior` (document order).
 * The newest event in document order is always a head (an event is appended after its parents), so
 * `after` is the newest event, as the contract says; other heads go to `seen`.
 */
export function causalLinks(prior: readonly HistoryEvent[]): { after: EventId | null; seen: string | null } {
  if (prior.length === 0) return { after: null, seen: null };
  const heads = headsOf(prior);
  const newest = prior[prior.length - 1] as HistoryEvent;
  const others = heads.filter((h) => h.id !== newest.id).map((h) => h.id);
  return { after: newest.id, seen: others.length > 0 ? others.join(',') : null };
}

export interface EventInput {
  releaseId: ReleaseId;
  kind: HistoryEventKind;
  stepId?: StepId | null;
  customerId?: CustomerId | null;
  templateId?: TemplateId | null;
  from?: StepStatus | null;
  to?: StepStatus | null;
  detail?: Record<string, string | undefined>;
  /** Events of the same subject known so far, in document order (for `after` / `seen`). */
  prior?: readonly HistoryEvent[];
}

/**
 * A new event stamped with who, when and which device (ctx). Undefined detail values are dropped. Its
 * id is derived from its content (HI-04), not drawn from `ctx.newId`.
 */
export function newEvent(ctx: CommandContext, input: EventInput): HistoryEvent {
  const links = causalLinks(input.prior ?? []);
  const detail: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.detail ?? {})) if (v !== undefined) detail[k] = v;
  if (links.seen !== null) detail.seen = links.seen;
  const content: EventFields = {
    releaseId: input.releaseId,
    kind: input.kind,
    at: ctx.now(),
    by: ctx.actor.id,
    byName: ctx.actor.name,
    device: ctx.device,
    stepId: input.stepId ?? null,
    customerId: input.customerId ?? null,
    templateId: input.templateId ?? null,
    after: links.after,
    from: input.from ?? null,
    to: input.to ?? null,
    detail,
  };
  return { id: eventIdOf(content), ...content };
}

/** Is `ancestor` reachable from `event` through parents? `byId` holds the subject's events. */
export function isAncestor(
  ancestorId: string,
  event: HistoryEvent,
  byId: ReadonlyMap<string, HistoryEvent>,
): boolean {
  const stack = parentsOf(event);
  const visited = new Set<string>();
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (id === ancestorId) return true;
    if (visited.has(id)) continue;
    visited.add(id);
    const e = byId.get(id);
    if (e) stack.push(...parentsOf(e));
  }
  return false;
}

/** Made apart from each other: neither knew of the other. */
export function areConcurrent(
  a: HistoryEvent,
  b: HistoryEvent,
  byId: ReadonlyMap<string, HistoryEvent>,
): boolean {
  return a.id !== b.id && !isAncestor(a.id, b, byId) && !isAncestor(b.id, a, byId);
}
