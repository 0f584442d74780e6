import {
  type CatalogState,
  type Cluster,
  type ClusterId,
  type Customer,
  type CustomerId,
  emptyCatalog,
  type GroupProgress,
} from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import { customerRows, filterRows, listItems, sortRows } from './customer-list-model';

const T = '2026-01-01T00:00:00.000Z';
const cluster = (id: string, name: string, isActive = true): Cluster => ({
  id: `cluster:${id}` as ClusterId,
  name,
  kubeconfigPath: null,
  description: '',
  isActive,
  metadata: {},
  createdAt: T,
  updatedAt: T,
});
const customer = (
  id: string,
  clusterId: string,
  name: string,
  namespace: string,
  isActive = true,
): Customer => ({
  id: `customer:${id}` as CustomerId,
  clusterId: `cluster:${clusterId}` as ClusterId,
  name,
  namespace,
  description: '',
  isActive,
  metadata: {},
  createdAt: T,
  updatedAt: T,
});
const progress = (complete: number, done = complete): GroupProgress => ({
  total: 4,
  done: 0,
  skipped: 0,
  pending: 0,
  reverted: 0,
  customers: 1,
  completePercent: complete,
  donePercent: done,
});

function catalog(): CatalogState {
  const c = emptyCatalog();
  for (const k of [cluster('eu', 'prod-eu'), cluster('us', 'Prod-US'), cluster('ap', 'ap-south', false)]) {
    c.clusters[k.id] = k;
  }
  for (const m of [
    customer('z', 'eu', 'Zeta', 'zeta-prod'),
    customer('a', 'eu', 'alpha', 'alpha-prod'),
    customer('m', 'us', 'Mike', 'mike-prod'),
    customer('b', 'us', 'Bravo', 'bravo-prod', false),
    customer('k', 'ap', 'Kilo', 'kilo-prod'),
  ]) {
    c.customers[m.id] = m;
  }
  return c;
}

const names = (rows: { customer: Customer }[]) => rows.map((r) => r.customer.name);
const id = (s: string) => `customer:${s}` as CustomerId;

describe('customers list model', () => {
  const rows = customerRows(
    catalog(),
    new Map([
      [id('z'), progress(25)],
      [id('a'), progress(75)],
      [id('m'), progress(75, 50)],
      [id('k'), { ...progress(0), customers: 0 }],
    ]),
  );

  it('filters by text in name or namespace (any case), by clusters, and hides archived unless asked', () => {
    expect(names(filterRows(rows, {}))).toEqual(['Zeta', 'alpha', 'Mike', 'Kilo']);
    expect(names(filterRows(rows, { archived: true }))).toContain('Bravo');
    expect(names(filterRows(rows, { q: 'ALPHA-P' }))).toEqual(['alpha']);
    expect(names(filterRows(rows, { q: '  zeta ' }))).toEqual(['Zeta']);
    expect(names(filterRows(rows, { clusterIds: ['cluster:eu', 'cluster:ap'] as ClusterId[] }))).toEqual([
      'Zeta',
      'alpha',
      'Kilo',
    ]);
    expect(names(filterRows(rows, { clusterIds: [] }))).toHaveLength(4);
  });

  it('BR-C03 sorts by cluster name then customer name, ignoring case, and groups with a heading each', () => {
    const sorted = sortRows(filterRows(rows, {}), 'cluster', 'asc');
    expect(names(sorted)).toEqual(['Kilo', 'alpha', 'Zeta', 'Mike']);
    const items = listItems(sorted, 'cluster');
    expect(
      items.map((i) => (i.kind === 'group' ? `[${i.cluster?.name} ${i.count}]` : i.row.customer.name)),
    ).toEqual(['[ap-south 1]', 'Kilo', '[prod-eu 2]', 'alpha', 'Zeta', '[Prod-US 1]', 'Mike']);
    expect(names(sortRows(sorted, 'cluster', 'desc'))).toEqual(['Mike', 'Zeta', 'alpha', 'Kilo']);
  });

  it('FM-006 sorts by name without groups, either way', () => {
    const sorted = sortRows(filterRows(rows, {}), 'name', 'asc');
    expect(names(sorted)).toEqual(['alpha', 'Kilo', 'Mike', 'Zeta']);
    expect(listItems(sorted, 'name').every((i) => i.kind === 'customer')).toBe(true);
    expect(names(sortRows(sorted, 'name', 'desc'))).toEqual(['Zeta', 'Mike', 'Kilo', 'alpha']);
  });

  it('PR-08 sorts by progress (complete, then done, then name); customers without progress stay last', () => {
    const active = filterRows(rows, {});
    // Kilo's releases have no steps: no progress at all, not 0 %.
    expect(rows.find((r) => r.customer.name === 'Kilo')?.progress).toBeNull();
    expect(names(sortRows(active, 'progress', 'asc'))).toEqual(['Zeta', 'Mike', 'alpha', 'Kilo']);
    expect(names(sortRows(active, 'progress', 'desc'))).toEqual(['alpha', 'Mike', 'Zeta', 'Kilo']);
  });
});
