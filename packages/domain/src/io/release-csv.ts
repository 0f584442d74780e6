/**
 * Spreadsheets of a release and of the catalog (IO-13). Rows are built here as plain cells; `toCsv`
 * makes them formula-safe text. Customers always come with their cluster and namespace, grouped
 * by cluster (BR-C03), steps in execution order.
 */
import type { Customer } from '../entities/customer.ts';
import type { CustomerId, ReleaseId } from '../ids.ts';
import { compareStrings } from '../ordering.ts';
import type { CatalogState, DomainState } from '../state.ts';
import { resolveCustomerSteps } from '../views/customer-steps.ts';
import { type CsvCell, toCsv } from './csv.ts';
import { lastStatusEvents } from './step-actors.ts';

export const MATRIX_CSV_HEADER = [
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
] as const;

const byName = (a: { name: string; id: string }, b: { name: string; id: string }) =>
  compareStrings(a.name.toLowerCase(), b.name.toLowerCase()) || compareStrings(a.id, b.id);

/** Customers sorted by cluster name, then by their own name (BR-C03). */
export function customersInClusterOrder(catalog: CatalogState, ids: Iterable<CustomerId>): Customer[] {
  const clusterName = (c: Customer) => (catalog.clusters[c.clusterId]?.name ?? c.clusterId).toLowerCase();
  return [...ids]
    .map((id) => catalog.customers[id])
    .filter((c): c is Customer => c !== undefined)
    .sort((a, b) => compareStrings(clusterName(a), clusterName(b)) || byName(a, b));
}

const yesNo = (v: boolean) => (v ? 'yes' : 'no');

/** One row per customer and step of the release (archived customers too, flagged). */
export function releaseMatrixRows(state: DomainState, releaseId: ReleaseId): CsvCell[][] {
  const doc = state.releases[releaseId];
  const rows: CsvCell[][] = [[...MATRIX_CSV_HEADER]];
  if (!doc) return rows;
  const actors = lastStatusEvents(doc);
  const participants = Object.keys(doc.participants) as CustomerId[];
  for (const customer of customersInClusterOrder(state.catalog, participants)) {
    const cluster = state.catalog.clusters[customer.clusterId];
    const position = { deploy: 0, verify: 0 };
    for (const step of resolveCustomerSteps(state, releaseId, customer.id)) {
      position[step.category]++;
      const event = step.status === 'pending' ? undefined : actors.get(step.id);
      const who = step.status === 'pending' ? '' : (event?.byName ?? step.executedBy ?? '');
      const when = step.status === 'pending' ? '' : (event?.at ?? step.statusAt ?? step.executedAt ?? '');
      rows.push([
        cluster?.name ?? customer.clusterId,
        customer.namespace,
        customer.name,
        step.category,
        position[step.category],
        step.name,
        step.type,
        step.status,
        who,
        when,
        step.notes ?? '',
        step.skipReason ?? '',
        step.revertReason ?? '',
        yesNo(step.isOverridden),
        yesNo(step.isCustom),
        yesNo(step.templateDeleted),
        yesNo(!customer.isActive),
        step.id,
      ]);
    }
  }
  return rows;
}

export function releaseMatrixCsv(state: DomainState, releaseId: ReleaseId): string {
  return toCsv(releaseMatrixRows(state, releaseId));
}

function metadataKeys(items: ReadonlyArray<{ metadata: Record<string, string> }>): string[] {
  return [...new Set(items.flatMap((i) => Object.keys(i.metadata)))].sort(compareStrings);
}

/**
 * The customer list. Its columns are the ones the CSV import reads (cluster, namespace, name,
 * description, meta.*), so an exported list can be edited and imported elsewhere.
 */
export function customerListRows(catalog: CatalogState): CsvCell[][] {
  const customers = customersInClusterOrder(catalog, Object.keys(catalog.customers) as CustomerId[]);
  const keys = metadataKeys(customers);
  const rows: CsvCell[][] = [
    ['cluster', 'namespace', 'name', 'description', 'status', 'id', ...keys.map((k) => `meta.${k}`)],
  ];
  for (const c of customers) {
    rows.push([
      catalog.clusters[c.clusterId]?.name ?? c.clusterId,
      c.namespace,
      c.name,
      c.description,
      c.isActive ? 'active' : 'archived',
      c.id,
      ...keys.map((k) => c.metadata[k] ?? ''),
    ]);
  }
  return rows;
}

export function customerListCsv(catalog: CatalogState): string {
  return toCsv(customerListRows(catalog));
}

/** The cluster list, in the columns the CSV import reads for clusters. */
export function clusterListRows(catalog: CatalogState): CsvCell[][] {
  const clusters = Object.values(catalog.clusters).sort(byName);
  const keys = metadataKeys(clusters);
  const rows: CsvCell[][] = [
    ['name', 'kubeconfig_path', 'description', 'status', 'id', ...keys.map((k) => `meta.${k}`)],
  ];
  for (const c of clusters) {
    rows.push([
      c.name,
      c.kubeconfigPath ?? '',
      c.description,
      c.isActive ? 'active' : 'archived',
      c.id,
      ...keys.map((k) => c.metadata[k] ?? ''),
    ]);
  }
  return rows;
}

export function clusterListCsv(catalog: CatalogState): string {
  return toCsv(clusterListRows(catalog));
}

/** `runsheet-v2-5-0-matrix-2026-03-01.csv`: a file name from a release name and a date. */
export function slugFileName(name: string, suffix: string, date: string, ext: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `runsheet-${slug || 'release'}-${suffix}-${date}.${ext}`;
}
