/**
 * Customer commands (FM-001..FM-003). Customers are archived, never deleted
 * (BR-M03): their steps and history in releases stay.
 */

import { z } from 'zod';
import type { CatalogOp } from '../change.ts';
import type { Cluster } from '../entities/cluster.ts';
import type { Customer } from '../entities/customer.ts';
import { type ClusterId, type CustomerId, idSchema, type ReleaseId } from '../ids.ts';
import { FIELD_LIMITS } from '../limits.ts';
import { type CommandResult, type Failure, ok, refuse } from '../result.ts';
import type { CatalogState, DomainState } from '../state.ts';
import { checkMetadata, checkName, checkNamespace, checkText, parseInput } from '../validation.ts';
import { defineCommand } from './define-command.ts';
import { getActiveCluster, getCustomer } from './guards.ts';

const metadataInput = z.record(z.string(), z.string());

export const createCustomerInput = z.object({
  clusterId: idSchema('cluster'),
  name: z.string(),
  namespace: z.string(),
  description: z.string().optional(),
  metadata: metadataInput.optional(),
});
export type CreateCustomerInput = z.input<typeof createCustomerInput>;

export const updateCustomerInput = z.object({
  customerId: idSchema('customer'),
  name: z.string().optional(),
  namespace: z.string().optional(),
  description: z.string().optional(),
  metadata: metadataInput.optional(),
});
export type UpdateCustomerInput = z.input<typeof updateCustomerInput>;

export const moveCustomerInput = z.object({
  customerId: idSchema('customer'),
  clusterId: idSchema('cluster'),
  /** A new namespace in the target cluster, when the old one does not fit there. */
  namespace: z.string().optional(),
});
export type MoveCustomerInput = z.input<typeof moveCustomerInput>;

export const customerIdInput = z.object({ customerId: idSchema('customer') });
export type CustomerIdInput = z.input<typeof customerIdInput>;

/** BR-M01: the active customer (other than `except`) that uses this namespace in this cluster. */
export function customerWithNamespace(
  catalog: CatalogState,
  clusterId: ClusterId,
  namespace: string,
  except?: CustomerId,
): Customer | null {
  for (const c of Object.values(catalog.customers)) {
    if (c.isActive && c.id !== except && c.clusterId === clusterId && c.namespace === namespace) return c;
  }
  return null;
}

function namespaceTaken(
  catalog: CatalogState,
  clusterId: ClusterId,
  namespace: string,
  except?: CustomerId,
): Failure | null {
  const other = customerWithNamespace(catalog, clusterId, namespace, except);
  return other ? refuse('namespace-taken', 'namespace', { customerId: other.id }) : null;
}

const put = (id: CustomerId, fields: Partial<Customer>): CatalogOp => ({
  doc: 'catalog',
  op: 'put-customer',
  id,
  fields,
});

/** FM-001. */
export const createCustomer = defineCommand({
  name: 'createCustomer',
  input: createCustomerInput,
  run(state, i, ctx): CommandResult<{ customerId: CustomerId }> {
    const name = checkName(i.name);
    if (!name.ok) return name;
    const namespace = checkNamespace(i.namespace);
    if (!namespace.ok) return namespace;
    const description = checkText(i.description?.trim() ?? '', 'description', FIELD_LIMITS.description);
    if (!description.ok) return description;
    const metadata = checkMetadata(i.metadata ?? {});
    if (!metadata.ok) return metadata;
    const cluster = getActiveCluster(state.catalog, i.clusterId);
    if (!cluster.ok) return cluster;
    const taken = namespaceTaken(state.catalog, i.clusterId, namespace.value);
    if (taken) return taken;

    const id = ctx.newId('customer');
    const now = ctx.now();
    const customer: Customer = {
      id,
      clusterId: i.clusterId,
      namespace: namespace.value,
      name: name.value,
      description: description.value,
      isActive: true,
      metadata: metadata.value,
      createdAt: now,
      updatedAt: now,
    };
    return ok({ ops: [put(id, customer)] }, { customerId: id });
  },
});

/** FM-002 (details). Moving to another cluster is `moveCustomer`, which carries the BR-M02 warning. */
export const updateCustomer = defineCommand({
  name: 'updateCustomer',
  input: updateCustomerInput,
  run(state, i, ctx): CommandResult<{ customerId: CustomerId; changed: string[] }> {
    const got = getCustomer(state.catalog, i.customerId);
    if (!got.ok) return got;
    const customer = got.value;
    const fields: Partial<Customer> = {};

    if (i.name !== undefined) {
      const name = checkName(i.name);
      if (!name.ok) return name;
      if (name.value !== customer.name) fields.name = name.value;
    }
    if (i.namespace !== undefined) {
      const namespace = checkNamespace(i.namespace);
      if (!namespace.ok) return namespace;
      if (namespace.value !== customer.namespace) {
        // An archived customer is not held to BR-M01; restoreCustomer checks it again.
        const taken = customer.isActive
          ? namespaceTaken(state.catalog, customer.clusterId, namespace.value, customer.id)
          : null;
        if (taken) return taken;
        fields.namespace = namespace.value;
      }
    }
    if (i.description !== undefined) {
      const description = checkText(i.description.trim(), 'description', FIELD_LIMITS.description);
      if (!description.ok) return description;
      if (description.value !== customer.description) fields.description = description.value;
    }
    if (i.metadata !== undefined) {
      const metadata = checkMetadata(i.metadata);
      if (!metadata.ok) return metadata;
      if (JSON.stringify(metadata.value) !== JSON.stringify(customer.metadata))
        fields.metadata = metadata.value;
    }
    const changed = Object.keys(fields);
    if (changed.length === 0) return ok({ ops: [] }, { customerId: customer.id, changed });
    fields.updatedAt = ctx.now();
    return ok({ ops: [put(customer.id, fields)] }, { customerId: customer.id, changed });
  },
});

/** Where a customer's commands run: shown side by side in the BR-M02 warning. */
export interface ClusterContext {
  clusterId: ClusterId;
  name: string;
  kubeconfigPath: string | null;
  /** The cluster's `context` (or `kubeContext`) metadata, when it has one. */
  kubeContext: string | null;
}

export interface MoveWarning {
  customerId: CustomerId;
  customerName: string;
  from: ClusterContext;
  to: ClusterContext;
  namespaceFrom: string;
  namespaceTo: string;
  /** Active releases (of those loaded) the customer takes part in: their pending steps now run on `to`. */
  activeReleaseIds: ReleaseId[];
}

function clusterContext(cluster: Cluster): ClusterContext {
  return {
    clusterId: cluster.id,
    name: cluster.name,
    kubeconfigPath: cluster.kubeconfigPath,
    kubeContext: cluster.metadata.context ?? cluster.metadata.kubeContext ?? null,
  };
}

/**
 * BR-M02: everything `moveCustomer` checks, without changing anything, and the warning to show before
 * the user confirms. `moveCustomer` returns the same warning.
 */
export function previewMoveCustomer(
  state: DomainState,
  input: MoveCustomerInput,
): { ok: true; value: MoveWarning } | Failure {
  const parsed = parseInput(moveCustomerInput, input);
  if (!parsed.ok) return parsed;
  const i = parsed.value;
  const got = getCustomer(state.catalog, i.customerId);
  if (!got.ok) return got;
  const customer = got.value;
  if (!customer.isActive) return refuse('customer-archived', 'customerId');
  if (customer.clusterId === i.clusterId) return refuse('same-cluster', 'clusterId');
  const to = getActiveCluster(state.catalog, i.clusterId);
  if (!to.ok) return to;
  let namespace = customer.namespace;
  if (i.namespace !== undefined) {
    const checked = checkNamespace(i.namespace);
    if (!checked.ok) return checked;
    namespace = checked.value;
  }
  const taken = namespaceTaken(state.catalog, i.clusterId, namespace, customer.id);
  if (taken) return taken;
  const from = state.catalog.clusters[customer.clusterId];
  const activeReleaseIds: ReleaseId[] = [];
  for (const [releaseId, doc] of Object.entries(state.releases) as [
    ReleaseId,
    (typeof state.releases)[ReleaseId],
  ][]) {
    if (state.catalog.releases[releaseId]?.status === 'active' && doc.participants[customer.id]) {
      activeReleaseIds.push(releaseId);
    }
  }
  return {
    ok: true,
    value: {
      customerId: customer.id,
      customerName: customer.name,
      from: from
        ? clusterContext(from)
        : {
            clusterId: customer.clusterId,
            name: '(unknown cluster)',
            kubeconfigPath: null,
            kubeContext: null,
          },
      to: clusterContext(to.value),
      namespaceFrom: customer.namespace,
      namespaceTo: namespace,
      activeReleaseIds: activeReleaseIds.sort(),
    },
  };
}

/** FM-002 / BR-M02: move to another cluster; BR-M01 is checked in the target cluster. */
export const moveCustomer = defineCommand({
  name: 'moveCustomer',
  input: moveCustomerInput,
  run(state, i, ctx): CommandResult<MoveWarning> {
    const preview = previewMoveCustomer(state, i);
    if (!preview.ok) return preview;
    const w = preview.value;
    const fields: Partial<Customer> = { clusterId: w.to.clusterId, updatedAt: ctx.now() };
    if (w.namespaceTo !== w.namespaceFrom) fields.namespace = w.namespaceTo;
    return ok({ ops: [put(w.customerId, fields)] }, w);
  },
});

/** FM-003 / BR-M03: soft delete. Release participation and history stay. */
export const archiveCustomer = defineCommand({
  name: 'archiveCustomer',
  input: customerIdInput,
  run(state, i, ctx): CommandResult<{ customerId: CustomerId }> {
    const got = getCustomer(state.catalog, i.customerId);
    if (!got.ok) return got;
    if (!got.value.isActive) return refuse('customer-archived', 'customerId');
    return ok(
      { ops: [put(got.value.id, { isActive: false, updatedAt: ctx.now() })] },
      { customerId: got.value.id },
    );
  },
});

/** Undo of archive: the cluster must be active and BR-M01 must still hold. */
export const restoreCustomer = defineCommand({
  name: 'restoreCustomer',
  input: customerIdInput,
  run(state, i, ctx): CommandResult<{ customerId: CustomerId }> {
    const got = getCustomer(state.catalog, i.customerId);
    if (!got.ok) return got;
    const customer = got.value;
    if (customer.isActive) return refuse('customer-not-archived', 'customerId');
    const cluster = getActiveCluster(state.catalog, customer.clusterId);
    if (!cluster.ok) return cluster;
    const taken = namespaceTaken(state.catalog, customer.clusterId, customer.namespace, customer.id);
    if (taken) return taken;
    return ok(
      { ops: [put(customer.id, { isActive: true, updatedAt: ctx.now() })] },
      { customerId: customer.id },
    );
  },
});
