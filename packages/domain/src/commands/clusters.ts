/**
 * Cluster commands (FC-001..FC-003). Clusters are archived, never deleted
 * (FC-003 "soft delete"); "delete" as first asked for is `archiveCluster` here.
 */

import { z } from 'zod';
import type { CatalogOp } from '../change.ts';
import type { Cluster } from '../entities/cluster.ts';
import { type ClusterId, idSchema } from '../ids.ts';
import { FIELD_LIMITS } from '../limits.ts';
import { type CommandResult, ok, refuse } from '../result.ts';
import type { CatalogState } from '../state.ts';
import { checkKubeconfigPath, checkMetadata, checkName, checkText, nameKey } from '../validation.ts';
import { defineCommand } from './define-command.ts';
import { getCluster } from './guards.ts';

const metadataInput = z.record(z.string(), z.string());

export const createClusterInput = z.object({
  name: z.string(),
  kubeconfigPath: z.string().nullable().optional(),
  description: z.string().optional(),
  metadata: metadataInput.optional(),
});
export type CreateClusterInput = z.input<typeof createClusterInput>;

export const updateClusterInput = z.object({
  clusterId: idSchema('cluster'),
  name: z.string().optional(),
  kubeconfigPath: z.string().nullable().optional(),
  description: z.string().optional(),
  metadata: metadataInput.optional(),
});
export type UpdateClusterInput = z.input<typeof updateClusterInput>;

export const clusterIdInput = z.object({ clusterId: idSchema('cluster') });
export type ClusterIdInput = z.input<typeof clusterIdInput>;

/** BR-C02: the active cluster (other than `except`) that already has this name, ignoring case and spaces. */
export function clusterWithName(catalog: CatalogState, name: string, except?: ClusterId): Cluster | null {
  const key = nameKey(name);
  for (const c of Object.values(catalog.clusters)) {
    if (c.isActive && c.id !== except && nameKey(c.name) === key) return c;
  }
  return null;
}

export function activeCustomerCount(catalog: CatalogState, clusterId: ClusterId): number {
  let n = 0;
  for (const c of Object.values(catalog.customers)) if (c.isActive && c.clusterId === clusterId) n++;
  return n;
}

const put = (id: ClusterId, fields: Partial<Cluster>): CatalogOp => ({
  doc: 'catalog',
  op: 'put-cluster',
  id,
  fields,
});

/** FC-001. */
export const createCluster = defineCommand({
  name: 'createCluster',
  input: createClusterInput,
  run(state, i, ctx): CommandResult<{ clusterId: ClusterId }> {
    const name = checkName(i.name, 'name', FIELD_LIMITS.clusterName);
    if (!name.ok) return name;
    const path = checkKubeconfigPath(i.kubeconfigPath);
    if (!path.ok) return path;
    const description = checkText(i.description?.trim() ?? '', 'description', FIELD_LIMITS.description);
    if (!description.ok) return description;
    const metadata = checkMetadata(i.metadata ?? {});
    if (!metadata.ok) return metadata;
    const taken = clusterWithName(state.catalog, name.value);
    if (taken) return refuse('cluster-name-taken', 'name', { clusterId: taken.id });

    const id = ctx.newId('cluster');
    const now = ctx.now();
    const cluster: Cluster = {
      id,
      name: name.value,
      kubeconfigPath: path.value,
      description: description.value,
      isActive: true,
      metadata: metadata.value,
      createdAt: now,
      updatedAt: now,
    };
    return ok({ ops: [put(id, cluster)] }, { clusterId: id });
  },
});

/**
 * FC-002. Writes only the fields that change, so an edit of the name on one device and of the path on
 * another both survive (MR-01). An archived cluster can be edited (e.g. renamed so it can be restored).
 */
export const updateCluster = defineCommand({
  name: 'updateCluster',
  input: updateClusterInput,
  run(state, i, ctx): CommandResult<{ clusterId: ClusterId; changed: string[] }> {
    const got = getCluster(state.catalog, i.clusterId);
    if (!got.ok) return got;
    const cluster = got.value;
    const fields: Partial<Cluster> = {};

    if (i.name !== undefined) {
      const name = checkName(i.name, 'name', FIELD_LIMITS.clusterName);
      if (!name.ok) return name;
      if (name.value !== cluster.name) {
        const taken = cluster.isActive ? clusterWithName(state.catalog, name.value, cluster.id) : null;
        if (taken) return refuse('cluster-name-taken', 'name', { clusterId: taken.id });
        fields.name = name.value;
      }
    }
    if (i.kubeconfigPath !== undefined) {
      const path = checkKubeconfigPath(i.kubeconfigPath);
      if (!path.ok) return path;
      if (path.value !== cluster.kubeconfigPath) fields.kubeconfigPath = path.value;
    }
    if (i.description !== undefined) {
      const description = checkText(i.description.trim(), 'description', FIELD_LIMITS.description);
      if (!description.ok) return description;
      if (description.value !== cluster.description) fields.description = description.value;
    }
    if (i.metadata !== undefined) {
      const metadata = checkMetadata(i.metadata);
      if (!metadata.ok) return metadata;
      if (JSON.stringify(metadata.value) !== JSON.stringify(cluster.metadata))
        fields.metadata = metadata.value;
    }
    const changed = Object.keys(fields);
    if (changed.length === 0) return ok({ ops: [] }, { clusterId: cluster.id, changed });
    fields.updatedAt = ctx.now();
    return ok({ ops: [put(cluster.id, fields)] }, { clusterId: cluster.id, changed });
  },
});

/** FC-003 / BR-C01: refused while the cluster has active customers. */
export const archiveCluster = defineCommand({
  name: 'archiveCluster',
  input: clusterIdInput,
  run(state, i, ctx): CommandResult<{ clusterId: ClusterId }> {
    const got = getCluster(state.catalog, i.clusterId);
    if (!got.ok) return got;
    if (!got.value.isActive) return refuse('cluster-archived', 'clusterId');
    const active = activeCustomerCount(state.catalog, got.value.id);
    if (active > 0) return refuse('cluster-has-active-customers', 'clusterId', { activeCustomers: active });
    return ok(
      { ops: [put(got.value.id, { isActive: false, updatedAt: ctx.now() })] },
      { clusterId: got.value.id },
    );
  },
});

/** Undo of archive. BR-C02 is checked again: another active cluster may have taken the name meanwhile. */
export const restoreCluster = defineCommand({
  name: 'restoreCluster',
  input: clusterIdInput,
  run(state, i, ctx): CommandResult<{ clusterId: ClusterId }> {
    const got = getCluster(state.catalog, i.clusterId);
    if (!got.ok) return got;
    if (got.value.isActive) return refuse('cluster-not-archived', 'clusterId');
    const taken = clusterWithName(state.catalog, got.value.name, got.value.id);
    if (taken) return refuse('cluster-name-taken', 'name', { clusterId: taken.id });
    return ok(
      { ops: [put(got.value.id, { isActive: true, updatedAt: ctx.now() })] },
      { clusterId: got.value.id },
    );
  },
});
