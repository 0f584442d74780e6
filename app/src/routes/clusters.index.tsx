import { createFileRoute } from '@tanstack/react-router';
import { Server } from 'lucide-react';
import { EmptyState } from '@/components/layout/empty-state';
import { PageHeader } from '@/components/layout/page-header';
import { pageTitle } from '@/lib/page-title';

export const Route = createFileRoute('/clusters/')({
  head: () => ({ meta: [{ title: pageTitle('Clusters') }] }),
  component: ClustersPage,
});

function ClustersPage() {
  return (
    <>
      <PageHeader title="Clusters" description="The Kubernetes clusters your customers run on." />
      <EmptyState icon={Server} title="No clusters yet">
        A cluster holds the kubeconfig path and region that every customer on it shares.
      </EmptyState>
    </>
  );
}
