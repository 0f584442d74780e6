/** One row per customer: the version it runs, hotfixes on top, what is in progress, how far behind. */
import { type CatalogState, type InventoryRow, versionLabel } from '@runsheet/domain';
import { Link } from '@tanstack/react-router';
import { Badge } from '@/components/ui/badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { count } from '@/lib/count';

export function InventoryTable({ rows, catalog }: { rows: readonly InventoryRow[]; catalog: CatalogState }) {
  return (
    <Table data-testid="inventory-table">
      <TableHeader>
        <TableRow>
          <TableHead scope="col">Customer</TableHead>
          <TableHead scope="col">Cluster / namespace</TableHead>
          <TableHead scope="col">Runs</TableHead>
          <TableHead scope="col">In progress</TableHead>
          <TableHead scope="col">Behind</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.customer.id} data-testid="inventory-row">
            <TableCell>
              <Link
                to="/customers/$customerId"
                params={{ customerId: row.customer.id }}
                className="font-medium underline-offset-4 hover:underline"
              >
                {row.customer.name}
              </Link>
            </TableCell>
            <TableCell className="text-muted-foreground">
              {catalog.clusters[row.clusterId]?.name ?? 'Unknown cluster'} / {row.customer.namespace}
            </TableCell>
            <TableCell>
              {row.runs ? versionLabel(row.runs) : <span className="text-muted-foreground">None yet</span>}
              {row.hotfixes.map((h) => (
                <Badge key={h.releaseId} variant="outline" className="ms-2">
                  <span className="sr-only">with hotfix </span>+ {versionLabel(h)}
                </Badge>
              ))}
            </TableCell>
            <TableCell>
              {row.inProgress ? (
                `${versionLabel(row.inProgress)}: ${row.inProgress.completePercent} % (${row.inProgress.complete} of ${count(row.inProgress.total, 'step')})`
              ) : (
                <span className="text-muted-foreground">Nothing</span>
              )}
            </TableCell>
            <TableCell>
              {row.behind === 0 ? 'Up to date' : `${count(row.behind, 'release')} behind`}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
