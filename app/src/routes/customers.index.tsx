import { createFileRoute } from '@tanstack/react-router';
import { Users } from 'lucide-react';
import { EmptyState } from '@/components/layout/empty-state';
import { PageHeader } from '@/components/layout/page-header';
import { pageTitle } from '@/lib/page-title';

export interface CustomersSearch {
  /** Filter text from the dashboard's "Find a customer". */
  q?: string;
}

export const Route = createFileRoute('/customers/')({
  validateSearch: (search: Record<string, unknown>): CustomersSearch =>
    typeof search.q === 'string' && search.q.trim() !== '' ? { q: search.q.trim() } : {},
  head: () => ({ meta: [{ title: pageTitle('Customers') }] }),
  component: CustomersPage,
});

function CustomersPage() {
  const { q } = Route.useSearch();
  return (
    <>
      <PageHeader
        title="Customers"
        description="Every customer, grouped by the cluster its namespace lives on."
      />
      <EmptyState icon={Users} title={q ? `No customers match “${q}”` : 'No customers yet'}>
        A customer is one namespace on one cluster; its steps follow each release.
      </EmptyState>
    </>
  );
}
