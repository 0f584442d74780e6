/**
 * One cluster in the clusters list (FC-004): name, kubeconfig path, region, how many
 * customers and which, with Edit and Archive beside it.
 */
import type { Cluster, Customer } from '@runsheet/domain';
import { Link } from '@tanstack/react-router';
import { Archive, Pencil } from 'lucide-react';
import { FormAlert } from '@/components/form/form-alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { CustomerLabel } from '@/components/ui/customer-label';
import { customerCount } from '@/lib/count';
import { useClusterArchive } from './use-cluster-archive';

/** Enough names to recognise the cluster; the rest are one click away, filtered. */
const NAMES_SHOWN = 6;

export function ClusterCard({ cluster, customers }: { cluster: Cluster; customers: readonly Customer[] }) {
  const { archive, error } = useClusterArchive(cluster);
  const region = cluster.metadata.region;
  const shown = customers.slice(0, NAMES_SHOWN);
  const more = customers.length - shown.length;
  return (
    <Card className="gap-4" data-testid="cluster-card" aria-labelledby={`cluster-${cluster.id}`}>
      <CardHeader className="flex flex-wrap items-start justify-between gap-2">
        <CardTitle asChild className="min-w-0 break-words text-lg">
          <h2 id={`cluster-${cluster.id}`}>
            <Link
              to="/clusters/$clusterId"
              params={{ clusterId: cluster.id }}
              className="rounded-sm hover:underline focus-visible:outline-2 focus-visible:outline-ring focus-visible:outline-offset-2"
            >
              {cluster.name}
            </Link>
          </h2>
        </CardTitle>
        <div className="flex gap-1">
          <Button asChild variant="outline" size="sm">
            <Link to="/clusters/$clusterId/edit" params={{ clusterId: cluster.id }}>
              <Pencil aria-hidden="true" />
              Edit
              <span className="sr-only"> {cluster.name}</span>
            </Link>
          </Button>
          <Button variant="outline" size="sm" onClick={() => void archive()}>
            <Archive aria-hidden="true" />
            Archive
            <span className="sr-only"> {cluster.name}</span>
          </Button>
        </div>
      </CardHeader>
      <CardContent className="grid gap-2 text-sm">
        {error && <FormAlert>{error}</FormAlert>}
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1">
          <dt className="text-muted-foreground">Path</dt>
          <dd className="break-all font-mono">{cluster.kubeconfigPath ?? 'none'}</dd>
          <dt className="text-muted-foreground">Region</dt>
          <dd>{region ?? 'not set'}</dd>
          <dt className="text-muted-foreground">Customers</dt>
          <dd>{customerCount(customers.length)}</dd>
        </dl>
        {shown.length > 0 && (
          <ul className="flex flex-wrap gap-x-4 gap-y-1" aria-label={`Customers on ${cluster.name}`}>
            {shown.map((c) => (
              <li key={c.id}>
                <Link
                  to="/customers/$customerId"
                  params={{ customerId: c.id }}
                  className="rounded-sm hover:underline focus-visible:outline-2 focus-visible:outline-ring focus-visible:outline-offset-2"
                >
                  <CustomerLabel name={c.name} namespace={c.namespace} clusterName={cluster.name} />
                </Link>
              </li>
            ))}
            {more > 0 && (
              <li>
                <Link
                  to="/customers"
                  search={{ clusters: [cluster.id] }}
                  className="rounded-sm text-primary underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-ring focus-visible:outline-offset-2"
                >
                  and {more} more
                </Link>
              </li>
            )}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
