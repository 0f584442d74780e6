import { describe, expect, it } from 'vitest';
import {
  catalogTable,
  checkCatalogRows,
  clusterListCsv,
  createCluster,
  customerListCsv,
  emptyState,
  parseCsv,
  releaseMatrixCsv,
  releaseReport,
  slugFileName,
  unescapeCell,
  updateCustomer,
} from '../../src/index.ts';
import { World } from '../helpers.ts';
import { richWorld } from './fixtures.ts';

function cells(text: string): string[][] {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.rows.map((r) => r.map(unescapeCell));
}

describe('IO-13 spreadsheets of a release and of the catalog', () => {
  it('IO-13 the matrix CSV has one row per customer and step, grouped by cluster, with status, who, when and reasons', () => {
    const { w, r } = richWorld();
    const rows = cells(releaseMatrixCsv(w.state, r));
    expect(rows[0]).toEqual([
      'cluster',
      'namespace',
      'customer',
      'category',
      'position',
      'step',
      'type',
      'status',
      'who',
      'when',
      'notes',
      'skip_reason',
      'revert_reason',
      'overridden',
      'custom',
      'template_deleted',
      'customer_archived',
      'step_id',
    ]);
    const acme = rows
      .filter((x) => x[2] === 'Acme')
      .map((x) => [x[4], x[5], x[7], x[8], x[10], x[11], x[14]]);
    expect(acme).toEqual([
      ['1', 'Deploy app', 'done', 'Alice', 'went fine', '', 'no'],
      ['2', 'Flush cache', 'pending', '', '', '', 'yes'],
      ['3', 'Migrate', 'skipped', 'Alice', '', 'not needed for Acme', 'no'],
      ['1', 'Health check', 'pending', '', '', '', 'no'],
    ]);
    // Clusters in name order, then customers: prod-eu (Acme, Beta) before prod-us (Cobalt).
    expect([...new Set(rows.slice(1).map((x) => `${x[0]}/${x[2]}`))]).toEqual([
      'prod-eu/Acme',
      'prod-eu/Beta',
      'prod-us/Cobalt',
    ]);
    const cobalt = rows.find((x) => x[2] === 'Cobalt' && x[5] === 'Deploy app');
    expect(cobalt?.slice(7, 17)).toEqual([
      'reverted',
      'Alice',
      '2026-02-01T09:00:02.000Z',
      '',
      '',
      'pods crashlooping',
      'no',
      'no',
      'no',
      'yes',
    ]);
    const beta = rows.filter((x) => x[2] === 'Beta');
    expect(beta.find((x) => x[5] === 'Deploy app')?.[13]).toBe('yes');
    expect(beta.find((x) => x[5] === 'Old step')?.[15]).toBe('yes');
  });

  it('IO-13 user text that looks like a formula is neutralised in the file', () => {
    const { w, r, a } = richWorld();
    w.do(updateCustomer, { customerId: a, name: '=cmd|"/c calc"!A1' });
    const text = releaseMatrixCsv(w.state, r);
    expect(text).toContain(`"'=cmd|""/c calc""!A1"`);
    expect(text).not.toMatch(/(^|,)=cmd/m);
  });

  it('IO-13 the customer list re-imports as customers: same columns, formula guard removed', () => {
    const { w } = richWorld();
    const text = customerListCsv(w.state.catalog);
    const rows = cells(text);
    expect(rows[0]).toEqual(['cluster', 'namespace', 'name', 'description', 'status', 'id', 'meta.tier']);
    expect(rows.slice(1).map((x) => `${x[0]}/${x[1]}/${x[4]}/${x[6]}`)).toEqual([
      'prod-eu/acme-prod/active/gold',
      'prod-eu/beta-prod/active/',
      'prod-us/cobalt-prod/archived/',
    ]);
    // Into a workspace with the same clusters, the list is a valid import.
    const fresh = new World(emptyState());
    fresh.do(createCluster, { name: 'prod-eu' });
    fresh.do(createCluster, { name: 'prod-us' });
    const table = catalogTable(rows);
    expect(table.kind).toBe('customers');
    expect(table.ignoredColumns).toEqual(['status', 'id']);
    expect(checkCatalogRows(fresh.state, 'customers', table.rows).every((c) => c.issues.length === 0)).toBe(
      true,
    );
  });

  it('IO-13 the cluster list has the columns the cluster import reads', () => {
    const { w } = richWorld();
    const rows = cells(clusterListCsv(w.state.catalog));
    expect(rows[0]).toEqual(['name', 'kubeconfig_path', 'description', 'status', 'id', 'meta.region']);
    expect(catalogTable(rows).rows.map((x) => x.name)).toEqual(['prod-eu', 'prod-us']);
  });

  it('IO-13 file names are slugs of the release name', () => {
    expect(slugFileName('v2.5.0 — EU <rollout>', 'matrix', '2026-03-01', 'csv')).toBe(
      'runsheet-v2-5-0-eu-rollout-matrix-2026-03-01.csv',
    );
    expect(slugFileName('***', 'report', '2026-03-01', 'md')).toBe('runsheet-release-report-2026-03-01.md');
  });
});

describe('IO-14 the release report', () => {
  it('IO-14 progress per cluster and category, complete first with done beside (PR-02)', () => {
    const { w, r } = richWorld();
    const report = releaseReport(w.state, r, '2026-03-01T00:00:00.000Z');
    expect(report?.clusters.map((c) => [c.name, c.customers.map((x) => x.name)])).toEqual([
      ['prod-eu', ['Acme', 'Beta']],
    ]);
    const eu = report?.clusters[0]?.progress;
    expect(eu).toMatchObject({ customers: 2 });
    expect(report?.overall.completePercent).toBeGreaterThanOrEqual(report?.overall.donePercent ?? 0);
    expect(Object.keys(report?.byCategory ?? {})).toEqual(['deploy', 'verify']);
  });

  it('IO-14 skipped and reverted steps with their reasons; overrides with the template content they replace', () => {
    const { w, r } = richWorld();
    const report = releaseReport(w.state, r, '2026-03-01T00:00:00.000Z');
    expect(report?.skipped.map((s) => [s.customer, s.cluster, s.namespace, s.step, s.reason, s.who])).toEqual(
      [['Acme', 'prod-eu', 'acme-prod', 'Migrate', 'not needed for Acme', 'Alice']],
    );
    expect(report?.reverted.map((s) => [s.customer, s.reason])).toEqual([['Cobalt', 'pods crashlooping']]);
    expect(report?.overrides).toEqual([
      expect.objectContaining({
        customer: 'Beta',
        step: 'Deploy app',
        templateContent: 'helm upgrade app -n {{customer.namespace}}',
        overrideContent: 'helm upgrade app --atomic',
      }),
    ]);
  });

  it('IO-14 who executed what and when, in time order (document order for equal times), from the history', () => {
    const { w, r } = richWorld();
    const report = releaseReport(w.state, r, '2026-03-01T00:00:00.000Z');
    expect(report?.executions.map((e) => [e.kind, e.customer, e.step, e.who, e.detail])).toEqual([
      ['done', 'Acme', 'Deploy app', 'Alice', 'went fine'],
      ['skipped', 'Acme', 'Migrate', 'Alice', 'not needed for Acme'],
      ['done', 'Cobalt', 'Deploy app', 'Alice', ''],
      ['reverted', 'Cobalt', 'Deploy app', 'Alice', 'pods crashlooping'],
      ['done', 'Beta', 'Old step', 'Alice', ''],
    ]);
    const times = report?.executions.map((e) => e.at) ?? [];
    expect([...times].sort()).toEqual(times);
  });

  it('IO-14 an unknown release has no report', () => {
    expect(releaseReport(emptyState(), 'release:nope', 'x')).toBeNull();
  });
});
