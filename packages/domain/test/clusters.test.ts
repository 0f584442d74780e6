import { describe, expect, it } from 'vitest';
import {
  archiveCluster,
  archiveCustomer,
  clusterSummaries,
  createCluster,
  groupCustomersByCluster,
  restoreCluster,
  updateCluster,
} from '../src/index.ts';
import { World } from './helpers.ts';

describe('clusters', () => {
  it('FC-001 creates a cluster with trimmed name, optional kubeconfig path and metadata', () => {
    const w = new World();
    const id = w.cluster('  prod-eu  ', {
      kubeconfigPath: ' ~/.kube/eu ',
      metadata: { region: 'eu-west-1' },
    });
    expect(w.state.catalog.clusters[id]).toMatchObject({
      name: 'prod-eu',
      kubeconfigPath: '~/.kube/eu',
      metadata: { region: 'eu-west-1' },
      isActive: true,
      description: '',
    });
    const bare = w.cluster('staging');
    expect(w.state.catalog.clusters[bare]?.kubeconfigPath).toBeNull();
  });

  it.each([
    ['VA-02 empty name', { name: '   ' }, 'name-required', 'name'],
    ['VA-02 long name', { name: 'x'.repeat(101) }, 'name-too-long', 'name'],
    [
      'VA-07 kubeconfig path with a newline',
      { name: 'a', kubeconfigPath: 'a\nb' },
      'kubeconfig-path-invalid',
      'kubeconfigPath',
    ],
    [
      'VA-05 metadata key with a space',
      { name: 'a', metadata: { 'bad key': 'x' } },
      'metadata-key-invalid',
      'metadata.bad key',
    ],
    ['VA-06 wrong shape', { name: 42 }, 'invalid-input', 'name'],
  ])('%s is refused', (_title, input, code, field) => {
    const w = new World();
    const error = w.refused(createCluster, input as never);
    expect(error).toMatchObject({ code, field });
  });

  it.each([
    ['same name', 'prod-eu'],
    ['other case', 'PROD-EU'],
    ['surrounding spaces', '  Prod-Eu '],
  ])('BR-C02 refuses a second active cluster with the %s (cluster-name-taken)', (_t, name) => {
    const w = new World();
    w.cluster('prod-eu');
    expect(w.refused(createCluster, { name })).toMatchObject({ code: 'cluster-name-taken', field: 'name' });
  });

  it('BR-C02 renaming onto another cluster name is refused; renaming to itself in another case is fine', () => {
    const w = new World();
    const eu = w.cluster('prod-eu');
    w.cluster('prod-us');
    expect(w.refused(updateCluster, { clusterId: eu, name: 'Prod-US' }).code).toBe('cluster-name-taken');
    expect(w.do(updateCluster, { clusterId: eu, name: 'PROD-EU' }).changed).toEqual(['name']);
  });

  it('BR-C02 an archived cluster does not hold its name; restoring re-checks it (cluster-name-taken)', () => {
    const w = new World();
    const old = w.cluster('prod-eu');
    w.do(archiveCluster, { clusterId: old });
    const fresh = w.cluster('prod-eu');
    expect(w.refused(restoreCluster, { clusterId: old })).toMatchObject({ code: 'cluster-name-taken' });
    w.do(updateCluster, { clusterId: old, name: 'prod-eu-old' });
    w.do(restoreCluster, { clusterId: old });
    expect(w.state.catalog.clusters[old]?.isActive).toBe(true);
    expect(w.state.catalog.clusters[fresh]?.isActive).toBe(true);
  });

  it('BR-C01 refuses to archive a cluster with active customers (cluster-has-active-customers)', () => {
    const w = new World();
    const eu = w.cluster('prod-eu');
    const a = w.customer(eu, 'Acme');
    const error = w.refused(archiveCluster, { clusterId: eu });
    expect(error).toMatchObject({ code: 'cluster-has-active-customers', details: { activeCustomers: 1 } });
    w.do(archiveCustomer, { customerId: a });
    w.do(archiveCluster, { clusterId: eu });
    expect(w.state.catalog.clusters[eu]?.isActive).toBe(false);
  });

  it('FC-003 archive is a soft delete; archiving twice or restoring an active cluster is refused', () => {
    const w = new World();
    const eu = w.cluster('prod-eu');
    expect(w.refused(restoreCluster, { clusterId: eu }).code).toBe('cluster-not-archived');
    w.do(archiveCluster, { clusterId: eu });
    expect(w.state.catalog.clusters[eu]).toBeDefined();
    expect(w.refused(archiveCluster, { clusterId: eu }).code).toBe('cluster-archived');
  });

  it('MR-01 an update writes only the fields that change, so concurrent edits of other fields survive', () => {
    const w = new World();
    const eu = w.cluster('prod-eu', { kubeconfigPath: '/a' });
    const byName = w.change(updateCluster, { clusterId: eu, name: 'prod-eu-1', kubeconfigPath: '/a' });
    const byPath = w.change(updateCluster, { clusterId: eu, kubeconfigPath: '/b' });
    const ops = byName.ops[0];
    expect(ops?.op === 'put-cluster' && Object.keys(ops.fields).sort()).toEqual(['name', 'updatedAt']);
    w.apply(byName);
    w.apply(byPath);
    expect(w.state.catalog.clusters[eu]).toMatchObject({ name: 'prod-eu-1', kubeconfigPath: '/b' });
  });

  it('an update with nothing new changes nothing', () => {
    const w = new World();
    const eu = w.cluster('prod-eu');
    expect(w.change(updateCluster, { clusterId: eu, name: 'prod-eu', description: '' }).ops).toEqual([]);
    expect(w.refused(updateCluster, { clusterId: 'cluster:nope', name: 'x' }).code).toBe('cluster-not-found');
  });

  it('BR-C03 groupCustomersByCluster groups active customers by cluster, both sorted by name', () => {
    const w = new World();
    const us = w.cluster('prod-us');
    const eu = w.cluster('Prod-EU');
    const z = w.customer(eu, 'zeta');
    const a = w.customer(eu, 'Alpha');
    const c = w.customer(us, 'cobalt');
    const gone = w.customer(us, 'gone');
    w.do(archiveCustomer, { customerId: gone });
    const groups = groupCustomersByCluster(w.state.catalog);
    expect(groups.map((g) => [g.cluster?.name, g.customers.map((x) => x.id)])).toEqual([
      ['Prod-EU', [a, z]],
      ['prod-us', [c]],
    ]);
    expect(
      groupCustomersByCluster(w.state.catalog, { includeArchived: true })[1]?.customers.map((x) => x.id),
    ).toEqual([c, gone]);
    expect(groupCustomersByCluster(w.state.catalog, { clusterId: us }).map((g) => g.clusterId)).toEqual([us]);
    expect(
      groupCustomersByCluster(w.state.catalog, { customerIds: [z] })[0]?.customers.map((x) => x.id),
    ).toEqual([z]);
  });

  it('FC-004 clusterSummaries counts active customers per cluster', () => {
    const w = new World();
    const eu = w.cluster('prod-eu');
    const us = w.cluster('prod-us');
    w.customer(eu, 'b');
    w.customer(eu, 'a');
    w.do(archiveCustomer, { customerId: w.customer(us, 'x') });
    w.do(archiveCluster, { clusterId: us });
    expect(
      clusterSummaries(w.state.catalog).map((s) => [s.cluster.name, s.activeCustomers, s.customerNames]),
    ).toEqual([['prod-eu', 2, ['a', 'b']]]);
    expect(clusterSummaries(w.state.catalog, { includeArchived: true })).toHaveLength(2);
  });
});
