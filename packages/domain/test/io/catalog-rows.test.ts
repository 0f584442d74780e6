import { describe, expect, it } from 'vitest';
import {
  applyChange,
  archiveCluster,
  type CatalogRow,
  catalogTable,
  checkCatalogRows,
  emptyRow,
  importCatalogRows,
  parseCsv,
} from '../../src/index.ts';
import { activeWorld, World } from '../helpers.ts';

function table(text: string) {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return catalogTable(parsed.rows);
}

const row = (fields: Partial<CatalogRow>): CatalogRow => ({ ...emptyRow(), ...fields });

describe('IO-11 clusters and customers from CSV', () => {
  it('IO-11 the header decides the kind; aliases, metadata columns and ignored columns are recognised', () => {
    const t = table(
      'Cluster Name,Namespace,Customer,meta.tier,colour\r\nprod-eu,acme-prod,Acme,gold,red\r\n,,,,\r\n',
    );
    expect(t.kind).toBe('customers');
    expect(t.rows).toEqual([
      row({ cluster: 'prod-eu', namespace: 'acme-prod', name: 'Acme', metadata: { tier: 'gold' } }),
    ]);
    expect(t.lines).toEqual([2]);
    expect(t.metadataKeys).toEqual(['tier']);
    expect(t.ignoredColumns).toEqual(['colour']);
    expect(t.missingColumns).toEqual([]);
    expect(table('name,kubeconfig_path\nstaging,~/.kube/staging').rows).toEqual([
      row({ name: 'staging', kubeconfigPath: '~/.kube/staging' }),
    ]);
  });

  it('IO-11 a missing required column is reported', () => {
    expect(table('namespace,name\nacme,Acme').missingColumns).toEqual(['cluster']);
  });

  it('IO-11 each row is checked: unknown cluster, invalid namespace, missing name, duplicates in the file and in the workspace', () => {
    const { w } = activeWorld();
    const rows = [
      row({ cluster: 'PROD-EU', namespace: 'delta-prod', name: 'Delta' }),
      row({ cluster: 'mars-1', namespace: 'x', name: 'X' }),
      row({ cluster: 'prod-eu', namespace: 'Bad_NS', name: '' }),
      row({ cluster: 'prod-eu', namespace: 'delta-prod', name: 'Delta again' }),
      row({ cluster: 'prod-eu', namespace: 'acme-prod', name: 'Acme twin' }),
    ];
    const checks = checkCatalogRows(w.state, 'customers', rows);
    expect(checks.map((c) => c.issues.map((i) => [i.field, i.code]))).toEqual([
      [],
      [['cluster', 'cluster-not-found']],
      [
        ['name', 'name-required'],
        ['namespace', 'namespace-invalid'],
      ],
      [['namespace', 'duplicate-in-import']],
      [['namespace', 'namespace-taken']],
    ]);
    expect(checks[3]?.issues[0]?.message).toBe('Same namespace in this cluster as row 1 of this import.');
    expect(checks[1]?.issues[0]?.message).toBe('There is no cluster named "mars-1".');
  });

  it('IO-11 a customer row cannot go into an archived cluster', () => {
    const w = new World();
    const old = w.cluster('old-dc');
    w.do(archiveCluster, { clusterId: old });
    const [check] = checkCatalogRows(w.state, 'customers', [
      row({ cluster: 'old-dc', namespace: 'a', name: 'A' }),
    ]);
    expect(check?.issues[0]?.code).toBe('cluster-archived');
  });

  it('IO-11 cluster rows: names unique ignoring case, within the file and against the workspace (BR-C02)', () => {
    const { w } = activeWorld();
    const checks = checkCatalogRows(w.state, 'clusters', [
      row({ name: 'staging' }),
      row({ name: 'Staging ' }),
      row({ name: 'prod-us' }),
      row({ name: 'lab', kubeconfigPath: 'bad\npath' }),
    ]);
    expect(checks.map((c) => c.issues.map((i) => i.code))).toEqual([
      [],
      ['duplicate-in-import'],
      ['cluster-name-taken'],
      ['kubeconfig-path-invalid'],
    ]);
  });

  it('IO-11 valid rows import as ONE change through createCustomer; metadata and descriptions come along', () => {
    const { w } = activeWorld();
    const result = importCatalogRows(
      w.state,
      {
        kind: 'customers',
        rows: [
          row({ cluster: 'prod-eu', namespace: 'delta-prod', name: 'Delta', metadata: { tier: 'silver' } }),
          row({ cluster: 'prod-us', namespace: 'echo-prod', name: 'Echo', description: 'new' }),
        ],
      },
      w.ctx,
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.change.ops).toHaveLength(2);
    const after = applyChange(w.state, result.change);
    const created = result.value.created.map((id) => after.catalog.customers[id as never]);
    expect(created.map((c) => [c?.name, c?.namespace, c?.isActive])).toEqual([
      ['Delta', 'delta-prod', true],
      ['Echo', 'echo-prod', true],
    ]);
    expect(created[0]?.metadata).toEqual({ tier: 'silver' });
  });

  it('IO-11 one invalid row refuses the whole batch: nothing half-applies', () => {
    const { w } = activeWorld();
    const result = importCatalogRows(
      w.state,
      {
        kind: 'customers',
        rows: [
          row({ cluster: 'prod-eu', namespace: 'ok-1', name: 'Ok' }),
          row({ cluster: 'nope', namespace: 'ok-2', name: 'No' }),
        ],
      },
      w.ctx,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('import-row-invalid');
  });
});
