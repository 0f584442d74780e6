import type { Cluster } from '@runsheet/domain';
import { Link } from '@tanstack/react-router';
import { ChevronRight } from 'lucide-react';
import { FormAlert } from '@/components/form/form-alert';
import { Button } from '@/components/ui/button';
import { useClusterArchive } from './use-cluster-archive';

function ArchivedCluster({ cluster }: { cluster: Cluster }) {
  const { restore, error } = useClusterArchive(cluster);
  return (
    <li className="grid gap-2 rounded-lg border p-3" data-testid="archived-cluster">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0">
          <Link
            to="/clusters/$clusterId"
            params={{ clusterId: cluster.id }}
            className="rounded-sm font-medium hover:underline focus-visible:outline-2 focus-visible:outline-ring focus-visible:outline-offset-2"
          >
            {cluster.name}
          </Link>
          <p className="break-all font-mono text-muted-foreground text-xs">
            {cluster.kubeconfigPath ?? 'no kubeconfig path'}
          </p>
        </div>
        <Button variant="outline" size="sm" onClick={() => void restore()}>
          Restore<span className="sr-only"> {cluster.name}</span>
        </Button>
      </div>
      {error && <FormAlert>{error}</FormAlert>}
    </li>
  );
}

/** Archived clusters, folded away under the active ones (they are kept, never deleted). */
export function ArchivedClusters({ clusters }: { clusters: readonly Cluster[] }) {
  if (clusters.length === 0) return null;
  return (
    <details className="group mt-8 rounded-xl border" data-testid="archived-clusters">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-xl px-4 py-3 font-medium focus-visible:outline-2 focus-visible:outline-ring focus-visible:outline-offset-2 [&::-webkit-details-marker]:hidden">
        <ChevronRight className="size-4 transition-transform group-open:rotate-90" aria-hidden="true" />
        Archived ({clusters.length})
      </summary>
      <ul className="grid gap-2 px-4 pb-4">
        {clusters.map((c) => (
          <ArchivedCluster key={c.id} cluster={c} />
        ))}
      </ul>
    </details>
  );
}
