import { createFileRoute, Link } from '@tanstack/react-router';
import { Plus, Rocket } from 'lucide-react';
import { EmptyState } from '@/components/layout/empty-state';
import { PageHeader } from '@/components/layout/page-header';
import { PAGE_HEADINGS } from '@/components/layout/page-headings';
import { ReleaseFilters } from '@/components/releases/release-filters';
import { releaseSearchSchema } from '@/components/releases/release-search';
import { ReleasesTable } from '@/components/releases/releases-table';
import { TemporalReleases } from '@/components/temporal/temporal-release-list';
import { Button } from '@/components/ui/button';
import { useReleaseList } from '@/data';
import { pageTitle } from '@/lib/page-title';

export const Route = createFileRoute('/releases/')({
  validateSearch: releaseSearchSchema,
  head: () => ({ meta: [{ title: pageTitle('Releases') }] }),
  component: ReleasesPage,
});

function ReleasesPage() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const releases = useReleaseList();
  const shown = releases?.filter(
    (r) => (!search.status || r.status === search.status) && (!search.type || r.type === search.type),
  );

  return (
    <>
      <PageHeader
        {...PAGE_HEADINGS['/releases']}
        actions={
          <Button asChild>
            <Link to="/releases/new">
              <Plus aria-hidden="true" />
              New release
            </Link>
          </Button>
        }
      />
      {releases.length === 0 ? (
        <EmptyState icon={Rocket} title="No releases yet">
          A release lists the steps to run for every customer, and tracks which are done.
        </EmptyState>
      ) : (
        <>
          <ReleaseFilters search={search} onChange={(next) => void navigate({ search: next })} />
          {shown && shown.length > 0 ? (
            <ReleasesTable releases={shown} />
          ) : (
            <p className="py-8 text-center text-muted-foreground" role="status">
              No release matches these filters.
            </p>
          )}
        </>
      )}
      {/* Releases driven by Temporal workflows (read-only), beside the tracked ones. */}
      <TemporalReleases />
    </>
  );
}
