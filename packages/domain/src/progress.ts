/**
 * Progress (FET-005; rules PR-01..PR-08 in docs/SPEC.md).
 *
 * Two readings were asked for: done/total (functional) vs (done+skipped)/total (technical). Both are given:
 * `completePercent` counts a skipped step as handled (nothing left to do), `donePercent` counts only
 * what ran. The UI leads with complete and shows done beside it (PR-02).
 * The counting itself is step-tally.ts.
 */
import { STEP_CATEGORIES, type StepCategory } from './enums.ts';
import type { ClusterId, CustomerId, ReleaseId } from './ids.ts';
import type { DomainState } from './state.ts';
import { type Counter, type ProgressOptions, type StepCounts, StepTally, zeroCounts } from './step-tally.ts';

export type { Counter, ProgressOptions, StepCounts } from './step-tally.ts';
export { StepTally } from './step-tally.ts';

export interface Progress extends StepCounts {
  /** done / total, 0..100, floored (so 100 only when everything is done). */
  donePercent: number;
  /** (done + skipped) / total, 0..100, floored. What the UI leads with. */
  completePercent: number;
}

export interface CustomerProgress extends Progress {
  customerId: CustomerId;
  clusterId: ClusterId | null;
  byCategory: Record<StepCategory, Progress>;
}

export interface GroupProgress extends Progress {
  /** How many customers the percentages average over (those with at least one step). */
  customers: number;
}

export interface ReleaseProgress {
  releaseId: ReleaseId;
  /** Average of the customers (PR-03). */
  overall: GroupProgress;
  /** Per category, average of the customers that have steps in it (PR-04). */
  byCategory: Record<StepCategory, GroupProgress>;
  /** Per cluster, average of its customers (PR-03). */
  byCluster: Record<ClusterId, GroupProgress>;
  byCustomer: Record<CustomerId, CustomerProgress>;
}

const zero = zeroCounts;

/**
 * PR-01 / PR-06: an empty total is 0 %, never NaN. Floored so a release never shows 100 % with work
 * left; computed as (part × 100) / total so 29 of 100 is 29, not 28.999….
 */
export function percent(part: number, total: number): number {
  return total > 0 ? Math.floor((part * 100) / total) : 0;
}

/** Floor of a ratio in percent; the epsilon absorbs float sums like 1/3 + 2/3 landing just under 1. */
function floorPercent(ratio: number): number {
  return Math.floor(ratio * 100 + 1e-9);
}

/** Percentages of one set of counts (both ways, PR-02). */
export function progressOf(c: StepCounts): Progress {
  return {
    ...c,
    donePercent: percent(c.done, c.total),
    completePercent: percent(c.done + c.skipped, c.total),
  };
}

function add(into: StepCounts, c: StepCounts): void {
  into.total += c.total;
  into.done += c.done;
  into.skipped += c.skipped;
  into.pending += c.pending;
  into.reverted += c.reverted;
}

/**
 * PR-03: counts are summed; percentages are the average of the members' ratios (a customer with 3 steps
 * weighs as much as one with 30, as PR-04 asks), over members that have steps at all.
 */
function average(members: readonly StepCounts[]): GroupProgress {
  const counts = zero();
  let done = 0;
  let complete = 0;
  let n = 0;
  for (const m of members) {
    add(counts, m);
    if (m.total === 0) continue;
    done += m.done / m.total;
    complete += (m.done + m.skipped) / m.total;
    n++;
  }
  return {
    ...counts,
    customers: n,
    donePercent: n > 0 ? floorPercent(done / n) : 0,
    completePercent: n > 0 ? floorPercent(complete / n) : 0,
  };
}

/** Step counts per participant and category, without building the steps. */
export function countReleaseSteps(
  state: DomainState,
  releaseId: ReleaseId,
  options: ProgressOptions = {},
): Map<CustomerId, Counter> {
  return StepTally.count(state, releaseId, options).counters;
}

/** FET-005: progress per customer, per cluster, per category and overall. */
export function releaseProgress(
  state: DomainState,
  releaseId: ReleaseId,
  options: ProgressOptions = {},
): ReleaseProgress {
  return releaseProgressOf(state, releaseId, StepTally.count(state, releaseId, options));
}

/** FET-005 from a tally kept current (StepTally.recount): the same figures as `releaseProgress`. */
export function releaseProgressOf(
  state: DomainState,
  releaseId: ReleaseId,
  tally: StepTally,
): ReleaseProgress {
  const counts = tally.counters;
  const byCustomer: Record<CustomerId, CustomerProgress> = {};
  const customerTotals: StepCounts[] = [];
  const categoryMembers: Record<StepCategory, StepCounts[]> = { deploy: [], verify: [] };
  const clusterMembers = new Map<ClusterId, StepCounts[]>();

  for (const [customerId, counter] of counts) {
    const total = zero();
    for (const cat of STEP_CATEGORIES) {
      add(total, counter[cat]);
      categoryMembers[cat].push(counter[cat]);
    }
    const clusterId = state.catalog.customers[customerId]?.clusterId ?? null;
    byCustomer[customerId] = {
      ...progressOf(total),
      customerId,
      clusterId,
      byCategory: { deploy: progressOf(counter.deploy), verify: progressOf(counter.verify) },
    };
    customerTotals.push(total);
    if (clusterId) {
      const members = clusterMembers.get(clusterId);
      if (members) members.push(total);
      else clusterMembers.set(clusterId, [total]);
    }
  }

  const byCluster: Record<ClusterId, GroupProgress> = {};
  for (const [clusterId, members] of clusterMembers) byCluster[clusterId] = average(members);
  return {
    releaseId,
    overall: average(customerTotals),
    byCategory: { deploy: average(categoryMembers.deploy), verify: average(categoryMembers.verify) },
    byCluster,
    byCustomer,
  };
}

/**
 * PR-08: one customer's progress over several releases (the customers list sorts by it): the average of
 * its percentages in each release where it has steps, counts summed; `customers` is then the number of
 * releases averaged over. The same averaging as PR-03, so no rule is written twice.
 */
export function averageProgress(members: readonly StepCounts[]): GroupProgress {
  return average(members);
}

/** Progress of one customer (the customer view's header); zeros when not a participant. */
export function customerProgress(
  state: DomainState,
  releaseId: ReleaseId,
  customerId: CustomerId,
): CustomerProgress {
  const counter = countReleaseSteps(state, releaseId, { includeArchivedCustomers: true }).get(customerId);
  const deploy = counter?.deploy ?? zero();
  const verify = counter?.verify ?? zero();
  const total = zero();
  add(total, deploy);
  add(total, verify);
  return {
    ...progressOf(total),
    customerId,
    clusterId: state.catalog.customers[customerId]?.clusterId ?? null,
    byCategory: { deploy: progressOf(deploy), verify: progressOf(verify) },
  };
}
