import type { Cluster, Customer, CustomersOfCluster } from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import { allCustomerIds, pickerGroups } from './customer-picker';
import { formatReleaseDate } from './release-date';
import { releaseFormValues, releaseInput } from './release-form';
import { releaseParams } from './release-params';
import { releaseSearchSchema } from './release-search';

const cluster = (id: string, name: string, isActive = true) => ({ id, name, isActive }) as unknown as Cluster;
const customer = (id: string, name: string, isActive = true) =>
  ({ id, name, namespace: name.toLowerCase(), isActive }) as unknown as Customer;

describe('customer picker groups', () => {
  const groups: CustomersOfCluster[] = [
    {
      clusterId: 'cluster:eu',
      cluster: cluster('cluster:eu', 'prod-eu'),
      customers: [customer('customer:a', 'Acme'), customer('customer:g', 'Globex')],
    },
    {
      clusterId: 'cluster:old',
      cluster: cluster('cluster:old', 'old', false),
      customers: [customer('customer:o', 'O')],
    },
    { clusterId: 'cluster:gone', cluster: null, customers: [customer('customer:x', 'X')] },
    {
      clusterId: 'cluster:us',
      cluster: cluster('cluster:us', 'prod-us'),
      customers: [customer('customer:i', 'Initech')],
    },
  ];

  it('BR-R01: offers only active customers of active clusters, grouped by cluster', () => {
    expect(pickerGroups(groups).map((g) => [g.clusterName, g.customers.map((c) => c.name)])).toEqual([
      ['prod-eu', ['Acme', 'Globex']],
      ['prod-us', ['Initech']],
    ]);
  });

  it('LC-02: leaves out customers already in the release, and clusters left empty', () => {
    const left = pickerGroups(groups, new Set(['customer:i' as const, 'customer:a' as const]));
    expect(left.map((g) => g.clusterName)).toEqual(['prod-eu']);
    expect(allCustomerIds(left)).toEqual(['customer:g']);
  });
});

describe('release URL and form boundaries', () => {
  it('puts the id in the URL without its type prefix and reads both forms back', () => {
    expect(releaseParams.stringify({ releaseId: 'release:abc123' })).toEqual({ releaseId: 'abc123' });
    expect(releaseParams.parse({ releaseId: 'abc123' })).toEqual({ releaseId: 'release:abc123' });
    expect(releaseParams.parse({ releaseId: 'release:abc123' })).toEqual({ releaseId: 'release:abc123' });
    // An impossible id stays as typed, so the page says "not found" instead of throwing.
    expect(releaseParams.parse({ releaseId: 'no such!' })).toEqual({ releaseId: 'no such!' });
  });

  it('parses the list filters, dropping values that are not a status or type', () => {
    expect(releaseSearchSchema.parse({ status: 'active', type: 'hotfix' })).toEqual({
      status: 'active',
      type: 'hotfix',
    });
    expect(releaseSearchSchema.parse({ status: 'bogus', type: 3 })).toEqual({});
  });

  it('sends empty optional fields as none', () => {
    const input = releaseInput({ ...releaseFormValues(), name: 'X', versionNumber: '  ', releaseDate: '' });
    expect(input).toMatchObject({ name: 'X', type: 'release', versionNumber: null, releaseDate: null });
  });

  it('shows a target date as the calendar day it names, also west of Greenwich', () => {
    const zone = process.env.TZ;
    // Read as UTC midnight, 2026-01-15 would be the 14th in Los Angeles.
    process.env.TZ = 'America/Los_Angeles';
    try {
      const shown = formatReleaseDate('2026-01-15');
      expect(shown).toContain('15');
      expect(shown).toContain('2026');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    expect(formatReleaseDate('not a date')).toBe('not a date');
  });
});
