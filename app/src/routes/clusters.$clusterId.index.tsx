import type { Cluster, ClusterId, Customer } from '@runsheet/domain';
import { groupCustomersByCluster } from '@runsheet/domain';
import { createFileRoute } from '@tanstack/react-router';
import { useMemo } from 'react';
import { BackLink } from '@/components/clusters/back-link';
import { CatalogConflicts } from '@/components/clusters/catalog-conflicts-panel';
import { ClusterActions } from '@/components/clusters/cluster-actions';
import { ClusterCustomers } from '@/components/clusters/cluster-customers';
import { ClusterDetails } from '@/components/clusters/cluster-details';
import { useClusterArchive } from '@/components/clusters/use-cluster-archive';
import { FormAlert } from '@/components/form/form-alert';
import { ClusterMissing } from '@/components/layout/not-found';
import { PageHeader } from '@/components/layout/page-header';
import { RouteError } from '@/components/layout/route-error';
import { Badge } from '@/components/ui/badge';
import { useActiveProgress, useCatalogLists } from '@/data';
import type { ActiveProgress } from '@/data/release-progress';
import { customerCount } from '@/lib/count';
import { pageTitle } from '@/lib/page-title';
import { concernsCluster } from '@/state/catalog-conflicts';

export const Route = createFileRoute('/clusters/$clusterId/')({
  // No head() title: the title is the cluster's name, which the component reads (see ClusterView).
  component: ClusterPage,
  errorComponent: RouteError,
});

function ClusterPage() {
  const { clusterId } = Route.useParams();
  const rows = useCatalogLists();
  const progress = useActiveProgress();
  const cluster = rows.catalog.clusters[clusterId as ClusterId] ?? null;
  const customers = useMemo(() => {
    const [group] = groupCustomersByCluster(rows.catalog, {
      clusterId: clusterId as ClusterId,
      includeArchived: true,
    });
    const all = group?.customers ?? [];
    return { active: all.filter((c) => c.isActive), archived: all.filter((c) => !c.isActive) };
  }, [rows, clusterId]);

  if (cluster === null) return <ClusterMissing />;
  return <ClusterView cluster={cluster} customers={customers} progress={progress} />;
}

function ClusterView({
  cluster,
  customers,
  progress,
}: {
  cluster: Cluster;
  customers: { active: Customer[]; archived: Customer[] };
  progress: ActiveProgress | undefined;
}) {
  const { archive, restore, error } = useClusterArchive(cluster);
  return (
    <>
      <title>{pageTitle(cluster.name)}</title>
      <BackLink to="/clusters">Clusters</BackLink>
      <PageHeader
        title={cluster.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {!cluster.isActive && <Badge variant="secondary">Archived</Badge>}
            <span>{customerCount(customers.active.length)}</span>
          </span>
        }
        actions={
          <ClusterActions
            cluster={cluster}
            onArchive={() => void archive()}
            onRestore={() => void restore()}
          />
        }
      />
      {error && <FormAlert className="mb-6">{error}</FormAlert>}
      <CatalogConflicts only={concernsCluster(cluster.id)} />
      <div className="grid gap-8">
        <ClusterDetails cluster={cluster} />
        <section aria-labelledby="cluster-customers" className="grid gap-3">
          <h2 id="cluster-customers" className="font-semibold text-lg">
            Customers and their releases
          </h2>
          {progress && progress.releases.length === 0 && (
            <p className="text-muted-foreground text-sm">
              No release is active; each customer’s progress shows here once one is.
            </p>
          )}
          {customers.active.length === 0 ? (
            <p className="text-muted-foreground text-sm">No active customers on this cluster.</p>
          ) : (
            <ClusterCustomers cluster={cluster} customers={customers.active} progress={progress} />
          )}
        </section>
        {customers.archived.length > 0 && (
          <section aria-labelledby="cluster-archived-customers" className="grid gap-3">
            <h2 id="cluster-archived-customers" className="font-semibold text-lg">
              Archived customers ({customers.archived.length})
            </h2>
            <ClusterCustomers
              cluster={cluster}
              customers={customers.archived}
              progress={undefined}
              label={`Archived customers on ${cluster.name}`}
            />
          </section>
        )}
      </div>
    </>
  );
}
