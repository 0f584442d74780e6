import { createFileRoute } from '@tanstack/react-router';
import { Rocket } from 'lucide-react';
import { EmptyState } from '@/components/layout/empty-state';
import { PageHeader } from '@/components/layout/page-header';
import { TemporalReleases } from '@/components/temporal/temporal-release-list';
import { pageTitle } from '@/lib/page-title';

export const Route = createFileRoute('/releases/')({
  head: () => ({ meta: [{ title: pageTitle('Releases') }] }),
  component: ReleasesPage,
});

function ReleasesPage() {
  return (
    <>
      <PageHeader
        title="Releases"
        description="Regular releases and hotfixes, with their progress per customer."
      />
      <EmptyState icon={Rocket} title="No releases yet">
        A release lists the steps to run for every customer, and tracks which are done.
      </EmptyState>
      <TemporalReleases />
    </>
  );
}
