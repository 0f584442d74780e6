/**
 * Look-ups every command starts with. Each returns the entity or the refusal to pass on, so a command
 * reads as a list of checks: `const r = editableRelease(state, id); if (!r.ok) return r;`.
 */
import type { Cluster } from '../entities/cluster.ts';
import type { Customer } from '../entities/customer.ts';
import type { Release } from '../entities/release.ts';
import type { ClusterId, CustomerId, ReleaseId } from '../ids.ts';
import { type Failure, refuse } from '../result.ts';
import { type CatalogState, type DomainState, emptyReleaseState, type ReleaseState } from '../state.ts';

export type Got<T> = { ok: true; value: T } | Failure;

export function getCluster(catalog: CatalogState, id: ClusterId, field = 'clusterId'): Got<Cluster> {
  const cluster = catalog.clusters[id];
  return cluster ? { ok: true, value: cluster } : refuse('cluster-not-found', field);
}

export function getActiveCluster(catalog: CatalogState, id: ClusterId, field = 'clusterId'): Got<Cluster> {
  const got = getCluster(catalog, id, field);
  if (got.ok && !got.value.isActive) return refuse('cluster-archived', field);
  return got;
}

export function getCustomer(catalog: CatalogState, id: CustomerId, field = 'customerId'): Got<Customer> {
  const customer = catalog.customers[id];
  return customer ? { ok: true, value: customer } : refuse('customer-not-found', field);
}

/** A customer that can take part in a release: active, in an active cluster. */
export function getUsableCustomer(
  catalog: CatalogState,
  id: CustomerId,
  field = 'customerId',
): Got<Customer> {
  const got = getCustomer(catalog, id, field);
  if (!got.ok) return got;
  if (!got.value.isActive) return refuse('customer-archived', field, { customerId: id });
  if (!catalog.clusters[got.value.clusterId]?.isActive)
    return refuse('cluster-archived', field, { customerId: id });
  return got;
}

export function isUsableCustomer(catalog: CatalogState, customer: Customer): boolean {
  return customer.isActive && catalog.clusters[customer.clusterId]?.isActive === true;
}

/** The release document as plain data; a release nobody wrote to yet has an empty one. */
export function releaseDoc(state: DomainState, id: ReleaseId): ReleaseState {
  return state.releases[id] ?? emptyReleaseState(id);
}

export function getRelease(state: DomainState, id: ReleaseId, field = 'releaseId'): Got<Release> {
  const release = state.catalog.releases[id];
  return release ? { ok: true, value: release } : refuse('release-not-found', field);
}

/** A release that accepts changes: it exists and is not archived (MR-05: archived releases freeze). */
export function editableRelease(
  state: DomainState,
  id: ReleaseId,
  field = 'releaseId',
): Got<{ release: Release; doc: ReleaseState }> {
  const got = getRelease(state, id, field);
  if (!got.ok) return got;
  if (got.value.status === 'archived') return refuse('release-archived', field);
  return { ok: true, value: { release: got.value, doc: releaseDoc(state, id) } };
}

/** An active release, for the rollout commands (sign-off, halt): drafts have no rollout yet (WV-06). */
export function activeRelease(
  state: DomainState,
  id: ReleaseId,
  field = 'releaseId',
): Got<{ release: Release; doc: ReleaseState }> {
  const got = getRelease(state, id, field);
  if (!got.ok) return got;
  if (got.value.status === 'archived') return refuse('release-archived', field);
  if (got.value.status !== 'active') return refuse('release-not-active', field);
  return { ok: true, value: { release: got.value, doc: releaseDoc(state, id) } };
}
