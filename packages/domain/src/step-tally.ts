/**
 * A release's steps counted per participant and category (the input of progress, PR-01..PR-08), and kept
 * current step by step. Counting is O(participants x categories + step states + custom steps): an
 * untouched template step is pending by construction, so it is counted per template, not per cell. A
 * finished release of 1,000 customers x 50 steps has 50,000 step states, which the release page would
 * otherwise count again on every change it shows; `recount` moves only the steps a change touched.
 *
 * Each step's share of the counts (which customer, which category, which status, or none) is one
 * function, `shareOf`, used by the whole count and by `recount` alike, so the two cannot disagree.
 */
import type { StepState } from './entities/step-state.ts';
import type { StepTemplate } from './entities/step-template.ts';
import { STEP_CATEGORIES, type StepCategory, type StepStatus } from './enums.ts';
import { type CustomerId, idPart, type ReleaseId, type StepId } from './ids.ts';
import { customStepVisible, statusOf } from './resolve.ts';
import { frozenCategoryReader } from './revisions.ts';
import type { DomainState, ReleaseState } from './state.ts';

export interface StepCounts {
  total: number;
  done: number;
  skipped: number;
  pending: number;
  reverted: number;
}

export type Counter = Record<StepCategory, StepCounts>;

export interface ProgressOptions {
  /** Count archived customers too (default: no; PR-05). */
  includeArchivedCustomers?: boolean;
}

export const zeroCounts = (): StepCounts => ({ total: 0, done: 0, skipped: 0, pending: 0, reverted: 0 });

/** Where one step counts: its customer's counter, a category and a status; null where it does not count. */
interface Share {
  counter: Counter;
  category: StepCategory;
  status: StepStatus;
}

export class StepTally {
  /** Per counted participant (archived customers only when asked for), per category. */
  readonly counters = new Map<CustomerId, Counter>();
  private readonly counterByPart = new Map<string, Counter>();
  private readonly templateByPart = new Map<string, StepTemplate>();
  /** The share each step state or custom step was last counted with (absent: its baseline share). */
  private readonly shares = new Map<StepId, Share | null>();
  private categoryOf: ReturnType<typeof frozenCategoryReader>;

  private constructor(private doc: ReleaseState | undefined) {
    this.categoryOf = frozenCategoryReader(doc?.revisions ?? {});
  }

  /** Every step of `releaseId` in `state`, counted. */
  static count(state: DomainState, releaseId: ReleaseId, options: ProgressOptions = {}): StepTally {
    const doc = state.releases[releaseId];
    const tally = new StepTally(doc);
    if (!doc) return tally;
    const perCategory: Record<StepCategory, number> = { deploy: 0, verify: 0 };
    for (const t of Object.values(doc.templates)) {
      tally.templateByPart.set(idPart(t.id), t);
      if (t.deletedAt === null) perCategory[t.category]++;
    }
    for (const customerId of Object.keys(doc.participants) as CustomerId[]) {
      const customer = state.catalog.customers[customerId];
      if (!options.includeArchivedCustomers && customer && !customer.isActive) continue;
      const counter = {} as Counter;
      for (const cat of STEP_CATEGORIES)
        counter[cat] = { ...zeroCounts(), total: perCategory[cat], pending: perCategory[cat] };
      tally.counters.set(customerId, counter);
      tally.counterByPart.set(idPart(customerId), counter);
    }
    // Step states move a step from its baseline (pending, in its template's category) to its own share.
    for (const stepId in doc.stepStates) tally.move(stepId as StepId);
    for (const stepId in doc.customSteps) tally.move(stepId as StepId);
    return tally;
  }

  /**
   * Counts `stepIds` again from `state`, after their step states or custom steps changed. Only for such
   * changes: a change of templates, participants, revisions or the catalog needs a new `count`.
   */
  recount(state: DomainState, releaseId: ReleaseId, stepIds: Iterable<StepId>): void {
    this.doc = state.releases[releaseId];
    // Revisions only ever arrive, but one may have arrived with these steps: read categories afresh.
    this.categoryOf = frozenCategoryReader(this.doc?.revisions ?? {});
    for (const stepId of stepIds) this.move(stepId);
  }

  private move(stepId: StepId): void {
    const before = this.shares.has(stepId) ? (this.shares.get(stepId) ?? null) : this.baselineOf(stepId);
    const after = this.shareOf(stepId);
    if (before) {
      before.counter[before.category][before.status]--;
      before.counter[before.category].total--;
    }
    if (after) {
      after.counter[after.category][after.status]++;
      after.counter[after.category].total++;
    }
    this.shares.set(stepId, after);
  }

  /** A template step before any state of its own: pending, in its template's category, while it is live. */
  private baselineOf(stepId: StepId): Share | null {
    const ref = this.templateStep(stepId);
    if (!ref || ref.template.deletedAt !== null) return null;
    return { counter: ref.counter, category: ref.template.category, status: 'pending' };
  }

  /** The customer's counter and the template behind a template step id, looked up by the id's halves. */
  private templateStep(stepId: StepId): { counter: Counter; template: StepTemplate } | null {
    const from = stepId.indexOf(':') + 1;
    const dot = stepId.indexOf('.', from);
    if (dot < 0) return null;
    const counter = this.counterByPart.get(stepId.slice(from, dot));
    const template = this.templateByPart.get(stepId.slice(dot + 1));
    return counter && template ? { counter, template } : null;
  }

  /** Where a step counts now (ST-02, ST-03, PR-07). */
  private shareOf(stepId: StepId): Share | null {
    const doc = this.doc;
    if (!doc) return null;
    const s: StepState | undefined = doc.stepStates[stepId];
    const status = statusOf(s);
    const custom = doc.customSteps[stepId];
    if (custom) {
      const counter = this.counters.get(custom.customerId);
      if (!counter || !customStepVisible(custom, status)) return null;
      const category =
        s && status !== 'pending' ? (this.categoryOf(s, status) ?? custom.category) : custom.category;
      return { counter, category, status };
    }
    const ref = this.templateStep(stepId);
    if (!ref) return null;
    // ST-03: an untouched step of a deleted template does not exist.
    if (ref.template.deletedAt !== null && status === 'pending') return null;
    const category =
      s && status !== 'pending'
        ? (this.categoryOf(s, status) ?? ref.template.category)
        : ref.template.category;
    return { counter: ref.counter, category, status };
  }
}
