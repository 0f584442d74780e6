/**
 * Which customer each step with state of its own belongs to, for one release, and which customers fall
 * in each bucket: what lets the projection rewrite one bucket's packed row without scanning the
 * release's 50,000 step states. Built once per ReleaseState (a few ms for 50,000 states), then kept
 * current from the change sets.
 */
import { parseTemplateStepId, type ReleaseState, type StepId } from '@runsheet/domain';
import { bucketOf, type CustomerKey, UNKNOWN_CUSTOMER } from './rows.ts';

/** The customer a step belongs to: its custom record's, the one its template step id names, or unknown. */
export function customerKeyOf(release: ReleaseState, stepId: StepId): CustomerKey {
  const custom = release.customSteps[stepId];
  if (custom) return custom.customerId;
  return parseTemplateStepId(stepId)?.customerId ?? UNKNOWN_CUSTOMER;
}

/** Whether the release holds anything of this step (state or custom record). */
function held(release: ReleaseState, stepId: StepId): boolean {
  return release.stepStates[stepId] !== undefined || release.customSteps[stepId] !== undefined;
}

export class CustomerIndex {
  private readonly keyOf = new Map<StepId, CustomerKey>();
  private readonly stepsOf = new Map<CustomerKey, Set<StepId>>();
  private readonly inBucket = new Map<number, Set<CustomerKey>>();

  constructor(release: ReleaseState) {
    for (const id of Object.keys(release.stepStates) as StepId[]) this.file(id, customerKeyOf(release, id));
    for (const id of Object.keys(release.customSteps) as StepId[]) this.file(id, customerKeyOf(release, id));
  }

  /** The steps filed under a customer (or under the unknown customer). */
  steps(key: CustomerKey): ReadonlySet<StepId> {
    return this.stepsOf.get(key) ?? new Set();
  }

  /** The customers with a step filed that fall in a bucket. */
  customersIn(bucket: number): ReadonlySet<CustomerKey> {
    return this.inBucket.get(bucket) ?? new Set();
  }

  /**
   * Files `stepId` where it belongs now and adds to `touched` every customer whose row it was or is in
   * (a custom step's record arriving moves its state from the unknown customer to its own).
   */
  refile(release: ReleaseState, stepId: StepId, touched: Set<CustomerKey>): void {
    const before = this.keyOf.get(stepId);
    const now = held(release, stepId) ? customerKeyOf(release, stepId) : undefined;
    if (before !== undefined) touched.add(before);
    if (now !== undefined) touched.add(now);
    if (before === now) return;
    if (before !== undefined) {
      const set = this.stepsOf.get(before);
      set?.delete(stepId);
      if (set?.size === 0) {
        this.stepsOf.delete(before);
        this.inBucket.get(bucketOf(before))?.delete(before);
      }
      this.keyOf.delete(stepId);
    }
    if (now !== undefined) this.file(stepId, now);
  }

  private file(stepId: StepId, key: CustomerKey): void {
    this.keyOf.set(stepId, key);
    const set = this.stepsOf.get(key);
    if (set) {
      set.add(stepId);
      return;
    }
    this.stepsOf.set(key, new Set([stepId]));
    const bucket = bucketOf(key);
    const customers = this.inBucket.get(bucket);
    if (customers) customers.add(key);
    else this.inBucket.set(bucket, new Set([key]));
  }
}
