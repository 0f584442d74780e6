import type { Cluster } from '@runsheet/domain';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { MetadataList } from '@/components/ui/metadata-list';

/** What a cluster is: its kubeconfig path, description and metadata (FC-005). */
export function ClusterDetails({ cluster }: { cluster: Cluster }) {
  return (
    <Card className="gap-4" data-testid="details">
      <CardHeader>
        <CardTitle asChild>
          <h2>Details</h2>
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4 text-sm">
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1">
          <dt className="text-muted-foreground">Kubeconfig path</dt>
          <dd className="break-all font-mono">{cluster.kubeconfigPath ?? 'none'}</dd>
          <dt className="text-muted-foreground">Description</dt>
          <dd className="whitespace-pre-wrap break-words">{cluster.description || 'none'}</dd>
          <dt className="text-muted-foreground">Status</dt>
          <dd>{cluster.isActive ? 'Active' : 'Archived'}</dd>
        </dl>
        <div className="grid gap-2">
          <h3 className="font-medium">Metadata</h3>
          <MetadataList metadata={cluster.metadata} scope="cluster" />
        </div>
      </CardContent>
    </Card>
  );
}
