import { type ClusterId, isId } from '@runsheet/domain';
import { createFileRoute, Link } from '@tanstack/react-router';
import { Server } from 'lucide-react';
import { useMemo } from 'react';
import { BackLink } from '@/components/clusters/back-link';
import { activeClusters } from '@/components/customers/active-clusters';
import { CustomerForm } from '@/components/customers/customer-form';
import { EmptyState } from '@/components/layout/empty-state';
import { PageHeader } from '@/components/layout/page-header';
import { RouteError } from '@/components/layout/route-error';
import { Button } from '@/components/ui/button';
import { useCatalogLists } from '@/data';
import { pageTitle } from '@/lib/page-title';

export interface NewCustomerSearch {
  /** The cluster to preselect ("Add customer" on a cluster's page). */
  clusterId?: ClusterId;
}

export const Route = createFileRoute('/customers/new')({
  // Every key returned (undefined when malformed): the router lays this over the raw parameters.
  validateSearch: (search: Record<string, unknown>): NewCustomerSearch => ({
    clusterId: isId(search.clusterId, 'cluster') ? search.clusterId : undefined,
  }),
  head: () => ({ meta: [{ title: pageTitle('New customer') }] }),
  component: NewCustomerPage,
  errorComponent: RouteError,
});

function NewCustomerPage() {
  const { clusterId } = Route.useSearch();
  const rows = useCatalogLists();
  const clusters = useMemo(() => activeClusters(rows.catalog), [rows]);
  return (
    <>
      <BackLink to="/customers">Customers</BackLink>
      <PageHeader title="New customer" description="A customer is one namespace on one cluster." />
      {clusters.length === 0 ? (
        <EmptyState icon={Server} title="Add a cluster first">
          <p>Every customer lives in a namespace on a cluster.</p>
          <Button asChild className="mt-4">
            <Link to="/clusters/new">New cluster</Link>
          </Button>
        </EmptyState>
      ) : (
        <CustomerForm
          clusters={clusters}
          // One cluster: nothing to choose. Otherwise the one the link named, if it is still active.
          clusterId={
            clusters.length === 1
              ? clusters[0]?.id
              : clusters.some((c) => c.id === clusterId)
                ? clusterId
                : undefined
          }
        />
      )}
    </>
  );
}
