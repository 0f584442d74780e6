import type { ClusterId } from '@runsheet/domain';
import { createFileRoute } from '@tanstack/react-router';
import { BackLink } from '@/components/clusters/back-link';
import { ClusterForm } from '@/components/clusters/cluster-form';
import { ClusterMissing } from '@/components/layout/not-found';
import { PageHeader } from '@/components/layout/page-header';
import { RouteError } from '@/components/layout/route-error';
import { useCluster } from '@/data';
import { pageTitle } from '@/lib/page-title';

export const Route = createFileRoute('/clusters/$clusterId/edit')({
  component: EditClusterPage,
  errorComponent: RouteError,
});

function EditClusterPage() {
  const { clusterId } = Route.useParams();
  const cluster = useCluster(clusterId as ClusterId);
  if (cluster === null) return <ClusterMissing />;
  return (
    <>
      <title>{pageTitle(`Edit ${cluster.name}`)}</title>
      <BackLink to="/clusters/$clusterId" params={{ clusterId }}>
        {cluster.name}
      </BackLink>
      <PageHeader title={`Edit ${cluster.name}`} />
      {/* Keyed by id: another cluster's edit starts from its own values and draft. */}
      <ClusterForm key={cluster.id} cluster={cluster} />
    </>
  );
}
