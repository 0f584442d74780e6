import type { CustomerId } from '@runsheet/domain';
import { createFileRoute } from '@tanstack/react-router';
import { useMemo } from 'react';
import { BackLink } from '@/components/clusters/back-link';
import { activeClusters } from '@/components/customers/active-clusters';
import { CustomerForm } from '@/components/customers/customer-form';
import { CustomerMissing } from '@/components/customers/customer-missing';
import { Loading } from '@/components/layout/loading';
import { PageHeader } from '@/components/layout/page-header';
import { RouteError } from '@/components/layout/route-error';
import { pageTitle } from '@/lib/page-title';
import { useCatalog } from '@/state/catalog-hooks';

export const Route = createFileRoute('/customers/$customerId/edit')({
  component: EditCustomerPage,
  errorComponent: RouteError,
});

function EditCustomerPage() {
  const { customerId } = Route.useParams();
  const rows = useCatalog();
  const customer = rows ? (rows.catalog.customers[customerId as CustomerId] ?? null) : undefined;
  const clusters = useMemo(() => {
    if (!rows || !customer) return [];
    // Its own cluster stays choosable even when archived (MR-05), so the form shows where it is.
    const own = rows.catalog.clusters[customer.clusterId];
    const active = activeClusters(rows.catalog);
    return own && !own.isActive ? [own, ...active] : active;
  }, [rows, customer]);
  if (customer === undefined) return <Loading what="customer" title="Edit customer" />;
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
