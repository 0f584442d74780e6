import { createFileRoute, Link } from '@tanstack/react-router';
import { Plus, Users } from 'lucide-react';
import { CatalogConflicts } from '@/components/clusters/catalog-conflicts-panel';
import { CustomersBrowser } from '@/components/customers/customers-browser';
import { type CustomersSearch, parseCustomersSearch } from '@/components/customers/customers-search';
import { EmptyState } from '@/components/layout/empty-state';
import { PageHeader } from '@/components/layout/page-header';
import { PAGE_HEADINGS } from '@/components/layout/page-headings';
import { RouteError } from '@/components/layout/route-error';
import { Button } from '@/components/ui/button';
import { useActiveProgress, useCatalogLists } from '@/data';
import { pageTitle } from '@/lib/page-title';

export type { CustomersSearch };

export const Route = createFileRoute('/customers/')({
  validateSearch: parseCustomersSearch,
  head: () => ({ meta: [{ title: pageTitle('Customers') }] }),
  component: CustomersPage,
  errorComponent: RouteError,
});

function CustomersPage() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const rows = useCatalogLists();
  const progress = useActiveProgress();
  return (
    <>
      <PageHeader
        {...PAGE_HEADINGS['/customers']}
        actions={
          <Button asChild>
            <Link to="/customers/new">
              <Plus aria-hidden="true" />
              New customer
            </Link>
          </Button>
        }
      />
      <CatalogConflicts />
      {rows.customers.length === 0 ? (
        <EmptyState icon={Users} title={search.q ? `No customers match “${search.q}”` : 'No customers yet'}>
          A customer is one namespace on one cluster; its steps follow each release.
        </EmptyState>
      ) : (
        <CustomersBrowser
          rows={rows}
          progress={progress}
          search={search}
          onSearch={(next, replace) => void navigate({ search: next, replace })}
        />
      )}
    </>
  );
}
