/**
 * A release's steps counted per participant and category (the input of progress, PR-01..PR-08), and kept
 * current step by step. Counting is O(participants x categories + step states + custom steps): an
 * untouched template step is pending by construction, so it is counted per template, not per cell. A
 * finished release of 1,000 customers x 50 steps has 50,000 step states, which the release page would
 * otherwise count again on every change it shows; `recount` moves only the steps a change touched.
 *
 * Each step's share of the counts (which customer, which category, which status, or none) is one
 * function per kind of step (`templateShareOf`, `customShareOf`), used by the whole count and by
 * `recount` alike, so the two cannot disagree.
 */
import type { StepState } from './entities/step-state.ts';
import type { StepTemplate } from './entities/step-template.ts';
import { STEP_CATEGORIES, STEP_STATUSES, type StepCategory, type StepStatus } from './enums.ts';
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

const STATUSES: readonly StepStatus[] = STEP_STATUSES;
/** A template step's share in one byte: 0 its baseline (never moved), NOWHERE no share, else the code. */
const NOWHERE = 255;
const STATUS_INDEX: Record<StepStatus, number> = { pending: 0, done: 1, skipped: 2, reverted: 3 };
const codeOf = (category: StepCategory, status: StepStatus) =>
  1 + STEP_CATEGORIES.indexOf(category) * STATUSES.length + STATUS_INDEX[status];

/** Adds `delta` to the counts a code stands for. */
function addCode(counter: Counter, code: number, delta: number): void {
  const n = code - 1;
  const counts = counter[STEP_CATEGORIES[Math.floor(n / STATUSES.length)] as StepCategory];
  counts[STATUSES[n % STATUSES.length] as StepStatus] += delta;
  counts.total += delta;
}

interface TemplateStepRef {
  counter: Counter;
  template: StepTemplate;
  /** Where its share is kept in `templateShares`. */
  slot: number;
}

export class StepTally {
  /** Per counted participant (archived customers only when asked for), per category. */
  readonly counters = new Map<CustomerId, Counter>();
  private readonly customerByPart = new Map<string, { counter: Counter; index: number }>();
  private readonly templateByPart = new Map<string, { template: StepTemplate; index: number }>();
  /**
   * The share each template step was last counted with, one byte per (customer, template): a finished
   * release has 50,000 of them, which a Map of objects would make the whole count pay for.
   */
  private templateShares = new Uint8Array(0);
  /** The share each custom step was last counted with. */
  private readonly customShares = new Map<StepId, Share | null>();
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
      tally.templateByPart.set(idPart(t.id), { template: t, index: tally.templateByPart.size });
      if (t.deletedAt === null) perCategory[t.category]++;
    }
    for (const customerId of Object.keys(doc.participants) as CustomerId[]) {
      const customer = state.catalog.customers[customerId];
      if (!options.includeArchivedCustomers && customer && !customer.isActive) continue;
      const counter = {} as Counter;
      for (const cat of STEP_CATEGORIES)
        counter[cat] = { ...zeroCounts(), total: perCategory[cat], pending: perCategory[cat] };
      tally.counters.set(customerId, counter);
      tally.customerByPart.set(idPart(customerId), { counter, index: tally.customerByPart.size });
    }
    tally.templateShares = new Uint8Array(tally.customerByPart.size * tally.templateByPart.size);
    // Step states move a step from its baseline (pending, in its template's category) to its own share.
    for (const stepId in doc.stepStates) tally.move(stepId as StepId);
    // Custom steps without a state of their own (those with one were moved above; moving again is a no-op).
    for (const stepId in doc.customSteps) if (!(stepId in doc.stepStates)) tally.move(stepId as StepId);
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
    // The id says which kind of step it is: a template step's is `step:<customer>.<template>`, a custom
    // step's has no dot (ids.ts templateStepId), unless it came in a file with one: then its record says.
    if (stepId.indexOf('.') < 0 || this.isCustom(stepId)) {
      const before = this.customShares.get(stepId) ?? null;
      const after = this.customShareOf(stepId);
      this.shift(before, after);
      this.customShares.set(stepId, after);
      return;
    }
    const ref = this.templateStep(stepId);
    if (!ref) return; // a customer not counted, a template or custom step this document does not have
    // In codes, not Share objects: the whole count moves 50,000 of these.
    const kept = this.templateShares[ref.slot] ?? 0;
    const before = kept === 0 ? this.baselineCode(ref) : kept;
    const after = this.templateCodeOf(stepId, ref);
    if (before === after) return;
    if (before !== NOWHERE) addCode(ref.counter, before, -1);
    if (after !== NOWHERE) addCode(ref.counter, after, 1);
    this.templateShares[ref.slot] = after;
  }

  /** A custom step with a dotted id (an imported one may have one): its record decides, not its id. */
  private isCustom(stepId: StepId): boolean {
    return this.customShares.has(stepId) || Object.hasOwn(this.doc?.customSteps ?? {}, stepId);
  }

  private shift(before: Share | null, after: Share | null): void {
    if (before) {
      before.counter[before.category][before.status]--;
      before.counter[before.category].total--;
    }
    if (after) {
      after.counter[after.category][after.status]++;
      after.counter[after.category].total++;
    }
  }

  /** A template step before any state of its own: pending, in its template's category, while it is live. */
  private baselineCode(ref: TemplateStepRef): number {
    return ref.template.deletedAt !== null ? NOWHERE : codeOf(ref.template.category, 'pending');
  }

  /** The customer's counter and the template behind a template step id, looked up by the id's halves. */
  private templateStep(stepId: StepId): TemplateStepRef | null {
    const from = stepId.indexOf(':') + 1;
    const dot = stepId.indexOf('.', from);
    if (dot < 0) return null;
    const customer = this.customerByPart.get(stepId.slice(from, dot));
    const template = this.templateByPart.get(stepId.slice(dot + 1));
    if (!customer || !template) return null;
    const slot = customer.index * this.templateByPart.size + template.index;
    return { counter: customer.counter, template: template.template, slot };
  }

  /** Where a template step counts now (ST-02, ST-03, PR-07), as a code. */
  private templateCodeOf(stepId: StepId, ref: TemplateStepRef): number {
    const s: StepState | undefined = this.doc?.stepStates[stepId];
    const status = statusOf(s);
    // ST-03: an untouched step of a deleted template does not exist.
    if (ref.template.deletedAt !== null && status === 'pending') return NOWHERE;
    const category =
      s && status !== 'pending'
        ? (this.categoryOf(s, status) ?? ref.template.category)
        : ref.template.category;
    return codeOf(category, status);
  }

  /** Where a custom step counts now (PR-07: a deleted one only once it ran). */
  private customShareOf(stepId: StepId): Share | null {
    const custom = this.doc?.customSteps[stepId];
    if (!custom) return null;
    const s: StepState | undefined = this.doc?.stepStates[stepId];
    const status = statusOf(s);
    const counter = this.counters.get(custom.customerId);
    if (!counter || !customStepVisible(custom, status)) return null;
    const category =
      s && status !== 'pending' ? (this.categoryOf(s, status) ?? custom.category) : custom.category;
    return { counter, category, status };
  }
}
