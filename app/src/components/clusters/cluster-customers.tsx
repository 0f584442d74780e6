/**
 * FV-006: every customer of a cluster with its state in each active release. One column per active
 * release, the cluster's average at the head of it (PR-03); each cell is that customer's progress.
 */
import type { Cluster, Customer, ReleaseId } from '@runsheet/domain';
import { Link } from '@tanstack/react-router';
import { ProgressCell } from '@/components/progress/progress-cell';
import { CustomerLabel } from '@/components/ui/customer-label';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { ActiveProgress } from '@/data/release-progress';

export function ClusterCustomers({
  cluster,
  customers,
  progress,
  label = `Customers on ${cluster.name}`,
}: {
  cluster: Cluster;
  customers: readonly Customer[];
  progress: ActiveProgress | undefined;
  label?: string;
}) {
  const releases = progress?.releases ?? [];
  const cell = (releaseId: ReleaseId, customer: Customer) =>
    progress?.customers.get(releaseId)?.get(customer.id);
  return (
    <Table aria-label={label}>
      <TableHeader>
        <TableRow>
          <TableHead scope="col">Customer</TableHead>
          {releases.map((r) => {
            const average = progress?.clusters.get(r.id)?.get(cluster.id);
            return (
              <TableHead key={r.id} scope="col" className="align-bottom">
                <span className="block">{r.name}</span>
                <span className="block font-normal text-muted-foreground text-xs">
                  {average ? `cluster ${average.completePercent}% complete` : 'active'}
                </span>
              </TableHead>
            );
          })}
        </TableRow>
      </TableHeader>
      <TableBody>
        {customers.map((customer) => (
          <TableRow key={customer.id}>
            <TableCell>
              <Link
                to="/customers/$customerId"
                params={{ customerId: customer.id }}
                className="rounded-sm hover:underline focus-visible:outline-2 focus-visible:outline-ring focus-visible:outline-offset-2"
              >
                <CustomerLabel
                  name={customer.name}
                  namespace={customer.namespace}
                  clusterName={cluster.name}
                  archived={!customer.isActive}
                />
              </Link>
            </TableCell>
            {releases.map((r) => (
              <TableCell key={r.id}>
                <ProgressCell progress={cell(r.id, customer)} label={`${customer.name} in ${r.name}`} />
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
