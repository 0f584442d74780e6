/**
 * The clashes the catalog screens show come from a merge: two devices, each with its own Workspace
 * (Yjs documents), act apart through the real commands and then exchange updates, as the relay would.
 */
import { Workspace } from '@runsheet/doc';
import {
  archiveCluster,
  archiveCustomer,
  type CommandResult,
  createCluster,
  createCustomer,
  testContext,
  updateCluster,
} from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { catalogConflicts, concernsCluster, concernsCustomer } from './catalog-conflicts';

function value<T>(result: CommandResult<T>): T {
  if (!result.ok) throw new Error(`refused: ${result.error.code}`);
  return result.value;
}

/** Two devices; `meet` sends each one's catalog to the other (both directions). */
function devices() {
  const laptop = new Workspace();
  const tablet = new Workspace();
  const meet = () => {
    for (const [from, to] of [
      [laptop, tablet],
      [tablet, laptop],
    ] as const) {
      Y.applyUpdate(
        to.catalog,
        Y.encodeStateAsUpdate(from.catalog, Y.encodeStateVector(to.catalog)),
        'remote',
      );
    }
  };
  return { laptop, tablet, meet, ctx: testContext() };
}

describe('catalog conflicts from another device', () => {
  it('MR-04 a cluster named alike on two devices is listed once they meet, and ends with a rename', () => {
    const { laptop, tablet, meet, ctx } = devices();
    const mine = value(laptop.run(createCluster, { name: 'prod-eu' }, ctx)).clusterId;
    const theirs = value(tablet.run(createCluster, { name: 'PROD-EU ' }, ctx)).clusterId;
    expect(catalogConflicts(laptop.state.catalog)).toEqual([]);

    meet();
    for (const device of [laptop, tablet]) {
      const conflicts = catalogConflicts(device.state.catalog);
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({
        kind: 'duplicate-cluster-name',
        clusterIds: [mine, theirs].sort(),
      });
      expect(conflicts.filter(concernsCluster(mine))).toHaveLength(1);
      expect(conflicts.filter(concernsCluster('cluster:other'))).toHaveLength(0);
    }

    // BR-C02 still guards the way out: renaming onto the other's name is refused, a new name is not.
    const clash = tablet.run(updateCluster, { clusterId: theirs, name: 'Prod-EU' }, ctx);
    expect(clash.ok ? null : clash.error.code).toBe('cluster-name-taken');
    value(tablet.run(updateCluster, { clusterId: theirs, name: 'prod-eu-tablet' }, ctx));
    meet();
    expect(catalogConflicts(laptop.state.catalog)).toEqual([]);
  });

  it('MR-04 one namespace used by two customers of one cluster is listed, on both customers, until one is archived', () => {
    const { laptop, tablet, meet, ctx } = devices();
    const clusterId = value(laptop.run(createCluster, { name: 'prod-us' }, ctx)).clusterId;
    meet();
    const a = value(
      laptop.run(createCustomer, { clusterId, name: 'A', namespace: 'shared' }, ctx),
    ).customerId;
    const b = value(
      tablet.run(createCustomer, { clusterId, name: 'B', namespace: 'shared' }, ctx),
    ).customerId;
    meet();

    const conflicts = catalogConflicts(laptop.state.catalog);
    expect(conflicts).toEqual([
      expect.objectContaining({ kind: 'duplicate-namespace', namespace: 'shared', clusterId }),
    ]);
    expect(conflicts.filter(concernsCustomer(a))).toHaveLength(1);
    expect(conflicts.filter(concernsCustomer(b))).toHaveLength(1);
    expect(conflicts.filter(concernsCluster(clusterId))).toHaveLength(1);

    value(laptop.run(archiveCustomer, { customerId: b }, ctx));
    meet();
    expect(catalogConflicts(tablet.state.catalog)).toEqual([]);
  });

  it('MR-05 a customer added on one device to a cluster archived on the other is listed', () => {
    const { laptop, tablet, meet, ctx } = devices();
    const clusterId = value(laptop.run(createCluster, { name: 'old' }, ctx)).clusterId;
    meet();
    value(laptop.run(archiveCluster, { clusterId }, ctx));
    const customerId = value(
      tablet.run(createCustomer, { clusterId, name: 'Late', namespace: 'late' }, ctx),
    ).customerId;
    meet();
    const conflicts = catalogConflicts(laptop.state.catalog);
    expect(conflicts).toEqual([
      expect.objectContaining({ kind: 'customer-in-archived-cluster', customerId, clusterId }),
    ]);
    expect(conflicts.filter(concernsCustomer(customerId))).toHaveLength(1);
  });
});
