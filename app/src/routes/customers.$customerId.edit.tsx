import type { CustomerId } from '@runsheet/domain';
import { createFileRoute } from '@tanstack/react-router';
import { useMemo } from 'react';
import { BackLink } from '@/components/clusters/back-link';
import { activeClusters } from '@/components/customers/active-clusters';
import { CustomerForm } from '@/components/customers/customer-form';
import { CustomerMissing } from '@/components/layout/not-found';
import { PageHeader } from '@/components/layout/page-header';
import { RouteError } from '@/components/layout/route-error';
import { useCatalogLists } from '@/data';
import { pageTitle } from '@/lib/page-title';

export const Route = createFileRoute('/customers/$customerId/edit')({
  component: EditCustomerPage,
  errorComponent: RouteError,
});

function EditCustomerPage() {
  const { customerId } = Route.useParams();
  const rows = useCatalogLists();
  const customer = rows.catalog.customers[customerId as CustomerId] ?? null;
  const clusters = useMemo(() => {
    if (!customer) return [];
    // Its own cluster stays choosable even when archived (MR-05), so the form shows where it is.
    const own = rows.catalog.clusters[customer.clusterId];
    const active = activeClusters(rows.catalog);
    return own && !own.isActive ? [own, ...active] : active;
  }, [rows, customer]);
  if (customer === null) return <CustomerMissing />;
  return (
    <>
      <title>{pageTitle(`Edit ${customer.name}`)}</title>
      <BackLink to="/customers/$customerId" params={{ customerId }}>
        {customer.name}
      </BackLink>
      <PageHeader title={`Edit ${customer.name}`} />
      {/* Keyed by id: another customer's edit starts from its own values and draft. */}
      <CustomerForm key={customer.id} customer={customer} clusters={clusters} />
    </>
  );
}
