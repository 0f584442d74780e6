/**
 * How far each customer of a release is, for gates (WV-04): how many of its steps there are and how
 * many are complete (done or skipped), in all and in the verify category, and when its last step
 * became complete. Counts follow the progress rules (PR-05, PR-07: archived customers left out, the
 * category a step ran in); times come from the step states, O(step states) like progress itself.
 */
import type { StepCategory } from './enums.ts';
import { type CustomerId, parseTemplateStepId, type ReleaseId, type StepId } from './ids.ts';
import { countReleaseSteps } from './progress.ts';
import { customStepVisible, statusOf } from './resolve.ts';
import { frozenCategory } from './revisions.ts';
import type { DomainState } from './state.ts';

export interface Completion {
  total: number;
  complete: number;
  verifyTotal: number;
  verifyComplete: number;
  /** When the newest complete step became complete; null when none is. */
  lastAt: string | null;
  verifyLastAt: string | null;
}

const later = (a: string | null, b: string | null): string | null =>
  a === null ? b : b === null ? a : Date.parse(b) > Date.parse(a) ? b : a;

export function emptyCompletion(): Completion {
  return { total: 0, complete: 0, verifyTotal: 0, verifyComplete: 0, lastAt: null, verifyLastAt: null };
}

/** Adds `c` into `into` (counts summed, times the later one). */
export function addCompletion(into: Completion, c: Completion): void {
  into.total += c.total;
  into.complete += c.complete;
  into.verifyTotal += c.verifyTotal;
  into.verifyComplete += c.verifyComplete;
  into.lastAt = later(into.lastAt, c.lastAt);
  into.verifyLastAt = later(into.verifyLastAt, c.verifyLastAt);
}

/** Per participant (archived customers left out): counts and completion times. */
export function customerCompletion(state: DomainState, releaseId: ReleaseId): Map<CustomerId, Completion> {
  const out = new Map<CustomerId, Completion>();
  const doc = state.releases[releaseId];
  if (!doc) return out;
  for (const [customerId, counter] of countReleaseSteps(state, releaseId)) {
    const c = emptyCompletion();
    for (const category of ['deploy', 'verify'] as StepCategory[]) {
      const k = counter[category];
      c.total += k.total;
      c.complete += k.done + k.skipped;
    }
    c.verifyTotal = counter.verify.total;
    c.verifyComplete = counter.verify.done + counter.verify.skipped;
    out.set(customerId, c);
  }

  for (const [stepId, s] of Object.entries(doc.stepStates)) {
    const status = statusOf(s);
    if (status !== 'done' && status !== 'skipped') continue;
    const pair = parseTemplateStepId(stepId as StepId);
    let customerId: CustomerId;
    let category: StepCategory;
    if (pair) {
      const t = doc.templates[pair.templateId];
      if (!t) continue;
      customerId = pair.customerId;
      category = frozenCategory(s, status, doc.revisions) ?? t.category;
    } else {
      const custom = doc.customSteps[stepId as StepId];
      if (!custom || !customStepVisible(custom, status)) continue;
      customerId = custom.customerId;
      category = frozenCategory(s, status, doc.revisions) ?? custom.category;
    }
    const c = out.get(customerId);
    if (!c) continue;
    const at = s.statusAt ?? s.execution?.at ?? s.executedAt ?? null;
    c.lastAt = later(c.lastAt, at);
    if (category === 'verify') c.verifyLastAt = later(c.verifyLastAt, at);
  }
  return out;
}
