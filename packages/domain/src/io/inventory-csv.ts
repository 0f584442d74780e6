/** The inventory (IV-01..IV-05) as CSV: one line per customer, the rows the page shows. */
import type { CatalogState } from '../state.ts';
import type { InventoryRelease, InventoryRow } from '../views/inventory.ts';
import { toCsv } from './csv.ts';

export const INVENTORY_CSV_HEADER = [
  'cluster',
  'customer',
  'namespace',
  'runs',
  'hotfixes',
  'in_progress',
  'in_progress_percent',
  'behind',
] as const;

/** A release as a cell: its version number, else its name. */
export const versionLabel = (r: InventoryRelease): string => r.versionNumber ?? r.name;

export function inventoryCsv(rows: readonly InventoryRow[], catalog: CatalogState): string {
  return toCsv([
    INVENTORY_CSV_HEADER,
    ...rows.map((row) => [
      catalog.clusters[row.clusterId]?.name ?? '',
      row.customer.name,
      row.customer.namespace,
      row.runs ? versionLabel(row.runs) : '',
      row.hotfixes.map(versionLabel).join(' '),
      row.inProgress ? versionLabel(row.inProgress) : '',
      row.inProgress?.completePercent ?? '',
      row.behind,
    ]),
  ]);
}
