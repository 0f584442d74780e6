/**
 * What runs where (IV-01..IV-05): for every customer, the version it runs, the hotfixes on top of it,
 * the version in progress and how far, and how many releases it is behind the newest. Computed from
 * the catalog and the release documents in `state` (the caller loads every release that was ever
 * activated), so the app, the server and the CLI answer the same.
 */
import type { Customer } from '../entities/customer.ts';
import type { Release } from '../entities/release.ts';
import type { ClusterId, CustomerId, ReleaseId } from '../ids.ts';
import { compareStrings } from '../ordering.ts';
import { percent } from '../progress.ts';
import type { DomainState } from '../state.ts';
import { nameKey } from '../validation.ts';
import { customerCompletion } from '../wave-completion.ts';

export interface InventoryRelease {
  releaseId: ReleaseId;
  name: string;
  versionNumber: string | null;
  type: Release['type'];
  /** When its last step became complete for this customer (null while in progress). */
  completedAt: string | null;
}

export interface InventoryProgress extends InventoryRelease {
  total: number;
  complete: number;
  /** complete / total, floored (PR-01). */
  completePercent: number;
}

export interface InventoryRow {
  customer: Customer;
  clusterId: ClusterId;
  /** IV-02: the last release of type `release` whose steps are all complete for it; null: none yet. */
  runs: InventoryRelease | null;
  /** IV-03: hotfixes complete for it after the release it runs, oldest first. */
  hotfixes: InventoryRelease[];
  /** IV-04: the newest active release or hotfix it takes part in that is not complete for it. */
  inProgress: InventoryProgress | null;
  /** IV-05: releases of type `release` activated after the one it runs (all of them when it runs none). */
  behind: number;
}

export interface Inventory {
  /** IV-05: the newest activated release of type `release`; null when none was activated. */
  newest: InventoryRelease | null;
  /** Active customers, by cluster name, customer name, id (both names ignoring case). */
  rows: InventoryRow[];
}

/** IV-02: release order is activation order (creation order as a tie-break, then id). */
export function compareReleaseOrder(a: Release, b: Release): number {
  return (
    compareStrings(a.activatedAt ?? '', b.activatedAt ?? '') ||
    compareStrings(a.createdAt, b.createdAt) ||
    compareStrings(a.id, b.id)
  );
}

const summary = (r: Release, completedAt: string | null): InventoryRelease => ({
  releaseId: r.id,
  name: r.name,
  versionNumber: r.versionNumber,
  type: r.type,
  completedAt,
});

/** IV-01..IV-05: every active customer's row. */
export function inventory(state: DomainState): Inventory {
  const { catalog } = state;
  // Drafts never ran anywhere; archived releases still say what was deployed.
  const activated = Object.values(catalog.releases)
    .filter((r) => r.activatedAt !== null && r.status !== 'draft' && r.type !== 'onboarding')
    .sort(compareReleaseOrder);
  const regular = activated.filter((r) => r.type === 'release');
  const position = new Map(regular.map((r, i) => [r.id, i]));
  const rows = new Map<CustomerId, InventoryRow>();
  for (const customer of Object.values(catalog.customers)) {
    if (!customer.isActive) continue;
    rows.set(customer.id, {
      customer,
      clusterId: customer.clusterId,
      runs: null,
      hotfixes: [],
      inProgress: null,
      behind: regular.length,
    });
  }
  // In release order, so a later release replaces what an earlier one set.
  for (const release of activated) {
    for (const [customerId, c] of customerCompletion(state, release.id)) {
      const row = rows.get(customerId);
      if (!row || c.total === 0) continue;
      if (c.complete === c.total) {
        const done = summary(release, c.lastAt);
        if (release.type === 'release') {
          row.runs = done;
          row.hotfixes = [];
          row.behind = regular.length - 1 - (position.get(release.id) ?? 0);
        } else {
          row.hotfixes.push(done);
        }
        if (row.inProgress?.releaseId === release.id) row.inProgress = null;
      } else if (release.status === 'active') {
        row.inProgress = {
          ...summary(release, null),
          total: c.total,
          complete: c.complete,
          completePercent: percent(c.complete, c.total),
        };
      }
    }
  }
  const newestRelease = regular.at(-1);
  return {
    newest: newestRelease ? summary(newestRelease, null) : null,
    rows: [...rows.values()].sort((a, b) => compareRows(state, a, b)),
  };
}

function compareRows(state: DomainState, a: InventoryRow, b: InventoryRow): number {
  const cluster = (r: InventoryRow) => nameKey(state.catalog.clusters[r.clusterId]?.name ?? '');
  return (
    compareStrings(cluster(a), cluster(b)) ||
    compareStrings(nameKey(a.customer.name), nameKey(b.customer.name)) ||
    compareStrings(a.customer.id, b.customer.id)
  );
}
