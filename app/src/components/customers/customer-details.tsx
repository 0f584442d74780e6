import type { Cluster, Customer } from '@runsheet/domain';
import { Link } from '@tanstack/react-router';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { MetadataList } from '@/components/ui/metadata-list';

/** Where a customer runs (cluster, its kubeconfig path, namespace) and what it is (FM-005). */
export function CustomerDetails({ customer, cluster }: { customer: Customer; cluster: Cluster | null }) {
  return (
    <Card className="gap-4" data-testid="details">
      <CardHeader>
        <CardTitle asChild>
          <h2>Details</h2>
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4 text-sm">
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1">
          <dt className="text-muted-foreground">Cluster</dt>
          <dd>
            {cluster ? (
              <Link
                to="/clusters/$clusterId"
                params={{ clusterId: cluster.id }}
                className="rounded-sm font-medium underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-ring focus-visible:outline-offset-2"
              >
                {cluster.name}
              </Link>
            ) : (
              'unknown cluster'
            )}
            {cluster && !cluster.isActive && <span className="ml-1.5 text-muted-foreground">(archived)</span>}
          </dd>
          <dt className="text-muted-foreground">Kubeconfig path</dt>
          <dd className="break-all font-mono">{cluster?.kubeconfigPath ?? 'none'}</dd>
          <dt className="text-muted-foreground">Namespace</dt>
          <dd className="break-all font-mono">{customer.namespace}</dd>
          <dt className="text-muted-foreground">Description</dt>
          <dd className="whitespace-pre-wrap break-words">{customer.description || 'none'}</dd>
          <dt className="text-muted-foreground">Status</dt>
          <dd>{customer.isActive ? 'Active' : 'Archived (history kept)'}</dd>
        </dl>
        <div className="grid gap-2">
          <h3 className="font-medium">Metadata</h3>
          <MetadataList metadata={customer.metadata} scope="customer" />
        </div>
      </CardContent>
    </Card>
  );
}
