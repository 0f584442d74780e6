import type { Cluster, Customer, CustomerId } from '@runsheet/domain';
import { createFileRoute, Link } from '@tanstack/react-router';
import { Archive, ArchiveRestore, Pencil } from 'lucide-react';
import { useMemo } from 'react';
import { BackLink } from '@/components/clusters/back-link';
import { CatalogConflicts } from '@/components/clusters/catalog-conflicts-panel';
import { activeClusters } from '@/components/customers/active-clusters';
import { CustomerDetails } from '@/components/customers/customer-details';
import { MoveCustomerDialog } from '@/components/customers/move-customer-dialog';
import { ReleaseHistory } from '@/components/customers/release-history';
import { useCustomerArchive } from '@/components/customers/use-customer-archive';
import { FormAlert } from '@/components/form/form-alert';
import { CustomerMissing } from '@/components/layout/not-found';
import { PageHeader } from '@/components/layout/page-header';
import { RouteError } from '@/components/layout/route-error';
import { Button } from '@/components/ui/button';
import { CustomerLabel } from '@/components/ui/customer-label';
import { useCatalogLists, useCustomerReleases } from '@/data';
import { pageTitle } from '@/lib/page-title';
import { concernsCustomer } from '@/state/catalog-conflicts';

export const Route = createFileRoute('/customers/$customerId/')({
  // No head() title: the title is the customer's name, which the component reads.
  component: CustomerPage,
  errorComponent: RouteError,
});

function CustomerPage() {
  const { customerId } = Route.useParams();
  const rows = useCatalogLists();
  const customer = rows.catalog.customers[customerId as CustomerId] ?? null;
  const clusters = useMemo(() => activeClusters(rows.catalog), [rows]);
  if (customer === null) return <CustomerMissing />;
  return (
    <CustomerView
      customer={customer}
      cluster={rows.catalog.clusters[customer.clusterId] ?? null}
      clusters={clusters}
    />
  );
}

function CustomerView({
  customer,
  cluster,
  clusters,
}: {
  customer: Customer;
  cluster: Cluster | null;
  clusters: Cluster[];
}) {
  const releases = useCustomerReleases(customer);
  const { archive, restore, error } = useCustomerArchive(customer);
  return (
    <>
      <title>{pageTitle(customer.name)}</title>
      <BackLink to="/customers">Customers</BackLink>
      <PageHeader
        title={customer.name}
        description={
          <CustomerLabel
            name={customer.name}
            namespace={customer.namespace}
            clusterName={cluster?.name ?? null}
            archived={!customer.isActive}
          />
        }
        actions={
          <>
            <Button asChild variant="outline">
              <Link to="/customers/$customerId/edit" params={{ customerId: customer.id }}>
                <Pencil aria-hidden="true" />
                Edit
              </Link>
            </Button>
            <MoveCustomerDialog customer={customer} clusters={clusters} />
            {customer.isActive ? (
              <Button variant="outline" onClick={() => void archive()}>
                <Archive aria-hidden="true" />
                Archive
              </Button>
            ) : (
              <Button variant="outline" onClick={() => void restore()}>
                <ArchiveRestore aria-hidden="true" />
                Restore
              </Button>
            )}
          </>
        }
      />
      {error && <FormAlert className="mb-6">{error}</FormAlert>}
      <CatalogConflicts only={concernsCustomer(customer.id)} />
      <div className="grid gap-8">
        <CustomerDetails customer={customer} cluster={cluster} />
        <section aria-labelledby="release-history" className="grid gap-3">
          <h2 id="release-history" className="font-semibold text-lg">
            Release history
          </h2>
          <ReleaseHistory entries={releases} customerName={customer.name} />
        </section>
      </div>
    </>
  );
}
