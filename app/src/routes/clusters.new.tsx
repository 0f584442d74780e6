import { createFileRoute } from '@tanstack/react-router';
import { BackLink } from '@/components/clusters/back-link';
import { ClusterForm } from '@/components/clusters/cluster-form';
import { PageHeader } from '@/components/layout/page-header';
import { RouteError } from '@/components/layout/route-error';
import { pageTitle } from '@/lib/page-title';

export const Route = createFileRoute('/clusters/new')({
  head: () => ({ meta: [{ title: pageTitle('New cluster') }] }),
  component: NewClusterPage,
  errorComponent: RouteError,
});

function NewClusterPage() {
  return (
    <>
      <BackLink to="/clusters">Clusters</BackLink>
      <PageHeader title="New cluster" description="A Kubernetes cluster that hosts customers." />
      <ClusterForm />
    </>
  );
}
