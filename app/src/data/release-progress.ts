/**
 * Release progress read from the packed projection for the catalog screens: the customers list (sort by
 * progress), the cluster view (FV-006) and a customer's release history (FM-005). Like
 * projection-store.ts, it reads only the rows it needs (a customer's history reads one customer row per
 * release), puts them back into the shape of the plain state and calls the domain's progress functions,
 * so the numbers are the ones every other view shows (PR-01..PR-08).
 */
import {
  averageProgress,
  type CatalogState,
  type ClusterId,
  type Customer,
  type CustomerId,
  type CustomerProgress,
  customerProgress,
  type DomainState,
  emptyCatalog,
  type GroupProgress,
  type Release,
  type ReleaseId,
  type ReleaseState,
  releaseProgress,
} from '@runsheet/domain';
import type { RunsheetDB } from './db.ts';
import { readStoredCustomer, readStoredRelease } from './stored-release.ts';

/** Progress of the active releases, per customer (archived customers too) and per cluster (PR-05). */
export interface ActiveProgress {
  /** Active releases, newest activation first. */
  releases: Release[];
  /** release -> customer -> that customer's progress in it (archived customers included: it is theirs). */
  customers: Map<ReleaseId, Map<CustomerId, CustomerProgress>>;
  /** release -> cluster -> the average of its active customers (PR-03, PR-05). */
  clusters: Map<ReleaseId, Map<ClusterId, GroupProgress>>;
  /** customer -> average over its active releases (PR-08); absent when it takes part in none. */
  overall: Map<CustomerId, GroupProgress>;
}

function byActivation(a: Release, b: Release): number {
  return (b.activatedAt ?? '').localeCompare(a.activatedAt ?? '') || a.id.localeCompare(b.id);
}

export async function readActiveProgress(db: RunsheetDB): Promise<ActiveProgress> {
  const [releases, customers] = await Promise.all([
    db.releases.where('status').equals('active').toArray(),
    db.customers.toArray(),
  ]);
  releases.sort(byActivation);
  const catalog: CatalogState = emptyCatalog();
  for (const c of customers) catalog.customers[c.id] = c;
  // The history stays packed: progress never reads it.
  const docs = await Promise.all(releases.map((r) => readStoredRelease(db, r.id, { lazyEvents: true })));
  return activeProgressOf(catalog, releases, docs);
}

/** The pure part of readActiveProgress (also what a test checks against the in-memory state). */
export function activeProgressOf(
  catalog: CatalogState,
  releases: readonly Release[],
  docs: readonly ReleaseState[],
): ActiveProgress {
  const out: ActiveProgress = {
    releases: [...releases],
    customers: new Map(),
    clusters: new Map(),
    overall: new Map(),
  };
  const perCustomer = new Map<CustomerId, CustomerProgress[]>();
  for (const doc of docs) {
    const state: DomainState = { catalog, releases: { [doc.releaseId]: doc } };
    const all = releaseProgress(state, doc.releaseId, { includeArchivedCustomers: true });
    const active = releaseProgress(state, doc.releaseId);
    const customers = new Map(Object.entries(all.byCustomer) as [CustomerId, CustomerProgress][]);
    out.customers.set(doc.releaseId, customers);
    out.clusters.set(
      doc.releaseId,
      new Map(Object.entries(active.byCluster) as [ClusterId, GroupProgress][]),
    );
    for (const [customerId, p] of customers) {
      const list = perCustomer.get(customerId);
      if (list) list.push(p);
      else perCustomer.set(customerId, [p]);
    }
  }
  for (const [customerId, list] of perCustomer) out.overall.set(customerId, averageProgress(list));
  return out;
}

/** One release a customer took part in, with the customer's progress in it (FM-005 release history). */
export interface ReleaseHistoryEntry {
  release: Release;
  progress: CustomerProgress;
  addedAt: string;
}

/** Every release the customer takes or took part in, newest first; archived releases included. */
export async function readCustomerReleases(
  db: RunsheetDB,
  customer: Customer,
): Promise<ReleaseHistoryEntry[]> {
  const releases = await db.releases.toArray();
  const entries = await Promise.all(
    releases.map(async (release) => {
      const doc = await readStoredCustomer(db, release.id, customer.id);
      const participant = doc.participants[customer.id];
      if (!participant) return null;
      const catalog = emptyCatalog();
      catalog.customers[customer.id] = customer;
      const state: DomainState = { catalog, releases: { [release.id]: doc } };
      return {
        release,
        progress: customerProgress(state, release.id, customer.id),
        addedAt: participant.addedAt,
      };
    }),
  );
  return entries
    .filter((e): e is ReleaseHistoryEntry => e !== null)
    .sort((a, b) => b.addedAt.localeCompare(a.addedAt) || a.release.id.localeCompare(b.release.id));
}
