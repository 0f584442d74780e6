import { describe, expect, it } from 'vitest';
import {
  archiveCluster,
  archiveCustomer,
  createCustomer,
  moveCustomer,
  previewMoveCustomer,
  restoreCustomer,
  updateCluster,
  updateCustomer,
} from '../src/index.ts';
import { activeWorld, World } from './helpers.ts';

describe('customers', () => {
  it('FM-001 creates a customer in an active cluster', () => {
    const w = new World();
    const eu = w.cluster('prod-eu');
    const id = w.customer(eu, ' Acme ', 'acme-prod', { tier: 'gold' });
    expect(w.state.catalog.customers[id]).toMatchObject({
      clusterId: eu,
      name: 'Acme',
      namespace: 'acme-prod',
      isActive: true,
      metadata: { tier: 'gold' },
    });
  });

  it.each([
    ['uppercase', 'Acme-Prod'],
    ['underscore', 'acme_prod'],
    ['leading dash', '-acme'],
    ['trailing dash', 'acme-'],
    ['dot', 'acme.prod'],
    ['64 characters', 'a'.repeat(64)],
    ['empty', ''],
  ])('VA-01 refuses a namespace that is not an RFC 1123 label: %s (namespace-invalid)', (_t, namespace) => {
    const w = new World();
    const eu = w.cluster('prod-eu');
    expect(w.refused(createCustomer, { clusterId: eu, name: 'Acme', namespace })).toMatchObject({
      code: 'namespace-invalid',
      field: 'namespace',
    });
  });

  it.each([['a'], ['0'], ['a'.repeat(63)], ['cust-a-prod'], ['9lives']])(
    'VA-01 accepts the namespace %s',
    (namespace) => {
      const w = new World();
      const eu = w.cluster('prod-eu');
      expect(() => w.customer(eu, 'Acme', namespace)).not.toThrow();
    },
  );

  it('BR-M01 refuses a namespace already used by an active customer of the same cluster (namespace-taken)', () => {
    const w = new World();
    const eu = w.cluster('prod-eu');
    const us = w.cluster('prod-us');
    w.customer(eu, 'Acme', 'shared');
    expect(w.refused(createCustomer, { clusterId: eu, name: 'Other', namespace: 'shared' })).toMatchObject({
      code: 'namespace-taken',
      field: 'namespace',
    });
    expect(() => w.customer(us, 'Other', 'shared')).not.toThrow();
  });

  it('BR-M01 an archived customer frees its namespace; restoring re-checks it (namespace-taken)', () => {
    const w = new World();
    const eu = w.cluster('prod-eu');
    const old = w.customer(eu, 'Old', 'shared');
    w.do(archiveCustomer, { customerId: old });
    const fresh = w.customer(eu, 'New', 'shared');
    expect(w.refused(restoreCustomer, { customerId: old }).code).toBe('namespace-taken');
    w.do(updateCustomer, { customerId: fresh, namespace: 'shared-2' });
    w.do(restoreCustomer, { customerId: old });
    expect(w.state.catalog.customers[old]?.isActive).toBe(true);
  });

  it('BR-M01 updating the namespace onto a taken one is refused', () => {
    const w = new World();
    const eu = w.cluster('prod-eu');
    w.customer(eu, 'A', 'a');
    const b = w.customer(eu, 'B', 'b');
    expect(w.refused(updateCustomer, { customerId: b, namespace: 'a' }).code).toBe('namespace-taken');
    expect(w.refused(updateCustomer, { customerId: b, namespace: 'A!' }).code).toBe('namespace-invalid');
  });

  it('the cluster must exist and be active', () => {
    const w = new World();
    const eu = w.cluster('prod-eu');
    w.do(archiveCluster, { clusterId: eu });
    expect(w.refused(createCustomer, { clusterId: eu, name: 'A', namespace: 'a' })).toMatchObject({
      code: 'cluster-archived',
      field: 'clusterId',
    });
    expect(w.refused(createCustomer, { clusterId: 'cluster:nope', name: 'A', namespace: 'a' }).code).toBe(
      'cluster-not-found',
    );
  });

  it('BR-M02 moving returns the old and new cluster names and kube contexts for the warning', () => {
    const { w, a, eu, us, r } = activeWorld();
    w.do(updateCluster, { clusterId: us, metadata: { region: 'us-east-1', context: 'ctx-us' } });
    const preview = previewMoveCustomer(w.state, { customerId: a, clusterId: us });
    const moved = w.do(moveCustomer, { customerId: a, clusterId: us });
    expect(preview).toEqual({ ok: true, value: moved });
    expect(moved).toMatchObject({
      customerId: a,
      from: { clusterId: eu, name: 'prod-eu', kubeconfigPath: '~/.kube/prod-eu', kubeContext: null },
      to: { clusterId: us, name: 'prod-us', kubeconfigPath: '~/.kube/prod-us', kubeContext: 'ctx-us' },
      namespaceFrom: 'acme-prod',
      namespaceTo: 'acme-prod',
      activeReleaseIds: [r],
    });
    expect(w.state.catalog.customers[a]?.clusterId).toBe(us);
  });

  it('BR-M02 / BR-M01 a move re-checks the namespace in the target cluster and can change it', () => {
    const w = new World();
    const eu = w.cluster('prod-eu');
    const us = w.cluster('prod-us');
    const a = w.customer(eu, 'A', 'app');
    w.customer(us, 'B', 'app');
    expect(w.refused(moveCustomer, { customerId: a, clusterId: us }).code).toBe('namespace-taken');
    expect(w.refused(moveCustomer, { customerId: a, clusterId: eu }).code).toBe('same-cluster');
    const moved = w.do(moveCustomer, { customerId: a, clusterId: us, namespace: 'app-2' });
    expect(moved.namespaceTo).toBe('app-2');
    expect(w.state.catalog.customers[a]).toMatchObject({ clusterId: us, namespace: 'app-2' });
  });

  it('BR-M02 a move to an archived cluster, or of an archived customer, is refused', () => {
    const w = new World();
    const eu = w.cluster('prod-eu');
    const old = w.cluster('old');
    w.do(archiveCluster, { clusterId: old });
    const a = w.customer(eu, 'A', 'a');
    expect(w.refused(moveCustomer, { customerId: a, clusterId: old }).code).toBe('cluster-archived');
    w.do(archiveCustomer, { customerId: a });
    expect(w.refused(moveCustomer, { customerId: a, clusterId: eu }).code).toBe('customer-archived');
  });

  it('BR-M03 / ST-07 archiving is a soft delete: the record and its release participation stay', () => {
    const { w, a, r } = activeWorld();
    w.do(archiveCustomer, { customerId: a });
    expect(w.state.catalog.customers[a]?.isActive).toBe(false);
    expect(w.state.releases[r]?.participants[a]).toBeDefined();
    expect(w.refused(archiveCustomer, { customerId: a }).code).toBe('customer-archived');
    expect(w.refused(restoreCustomer, { customerId: 'customer:nope' }).code).toBe('customer-not-found');
  });

  it('BR-M03 a customer cannot be restored into an archived cluster', () => {
    const w = new World();
    const eu = w.cluster('prod-eu');
    const a = w.customer(eu, 'A', 'a');
    w.do(archiveCustomer, { customerId: a });
    w.do(archiveCluster, { clusterId: eu });
    expect(w.refused(restoreCustomer, { customerId: a }).code).toBe('cluster-archived');
  });
});
