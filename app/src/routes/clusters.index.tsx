import { clusterSummaries, groupCustomersByCluster } from '@runsheet/domain';
import { createFileRoute, Link } from '@tanstack/react-router';
import { Plus, Server } from 'lucide-react';
import { useMemo } from 'react';
import { ArchivedClusters } from '@/components/clusters/archived-clusters';
import { CatalogConflicts } from '@/components/clusters/catalog-conflicts-panel';
import { ClusterCard } from '@/components/clusters/cluster-card';
import { EmptyState } from '@/components/layout/empty-state';
import { PageHeader } from '@/components/layout/page-header';
import { PAGE_HEADINGS } from '@/components/layout/page-headings';
import { RouteError } from '@/components/layout/route-error';
import { Button } from '@/components/ui/button';
import { useCatalogLists } from '@/data';
import { pageTitle } from '@/lib/page-title';

export const Route = createFileRoute('/clusters/')({
  head: () => ({ meta: [{ title: pageTitle('Clusters') }] }),
  component: ClustersPage,
  errorComponent: RouteError,
});

function ClustersPage() {
  const rows = useCatalogLists();
  const view = useMemo(() => {
    // BR-C03's order (name ignoring case, id as tie-break), the same on every device.
    const byName = clusterSummaries(rows.catalog, { includeArchived: true }).map((s) => s.cluster);
    const customers = new Map(
      groupCustomersByCluster(rows.catalog).map((g) => [g.clusterId, g.customers] as const),
    );
    return {
      active: byName.filter((c) => c.isActive),
      archived: byName.filter((c) => !c.isActive),
      customers,
    };
  }, [rows]);

  return (
    <>
      <PageHeader
        {...PAGE_HEADINGS['/clusters']}
        actions={
          <Button asChild>
            <Link to="/clusters/new">
              <Plus aria-hidden="true" />
              New cluster
            </Link>
          </Button>
        }
      />
      <CatalogConflicts />
      {view.active.length === 0 ? (
        <EmptyState icon={Server} title={view.archived.length > 0 ? 'No active clusters' : 'No clusters yet'}>
          A cluster holds the kubeconfig path and region that every customer on it shares.
        </EmptyState>
      ) : (
        <ul className="grid gap-4 lg:grid-cols-2" aria-label="Active clusters">
          {view.active.map((cluster) => (
            <li key={cluster.id}>
              <ClusterCard cluster={cluster} customers={view.customers.get(cluster.id) ?? []} />
            </li>
          ))}
        </ul>
      )}
      <ArchivedClusters clusters={view.archived} />
    </>
  );
}
