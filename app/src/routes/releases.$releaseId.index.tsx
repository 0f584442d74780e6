import { createFileRoute } from '@tanstack/react-router';
import { type MatrixSearch, matrixSearchSchema } from '@/components/matrix/matrix-search';
import { ReleaseMatrix } from '@/components/matrix/release-matrix';
import { useCurrentRelease } from '@/components/releases/release-context';
import { ReleaseOverview } from '@/components/releases/release-overview';
import { pageTitle } from '@/lib/page-title';

export const Route = createFileRoute('/releases/$releaseId/')({
  // The matrix's tab, filters and open step live in the URL (links and reloads keep them).
  validateSearch: matrixSearchSchema,
  component: ReleasePage,
});

function ReleasePage() {
  const release = useCurrentRelease();
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const setSearch = (patch: Partial<MatrixSearch>) =>
    // Filters replace the entry; opening a step adds one, so Back closes the panel.
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: patch.step === undefined });
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-8">
      <title>{pageTitle(release.name)}</title>
      <ReleaseOverview release={release} />
      {/* The execution matrix (FV-003): steps × customers grouped by cluster. */}
      <section aria-labelledby="release-matrix" data-region="matrix" className="grid min-w-0 gap-3">
        <h2 id="release-matrix" className="font-semibold text-lg">
          Steps by customer
        </h2>
        {release.status === 'draft' ? (
          <p className="text-muted-foreground text-sm">
            Once the release is active, every customer’s steps appear here.
          </p>
        ) : (
          <ReleaseMatrix
            release={release}
            search={search}
            onSearchChange={setSearch}
            onOpenCustomer={(customerId) =>
              void navigate({
                to: '/releases/$releaseId/customers/$customerId',
                params: (prev) => ({ ...prev, customerId }),
              })
            }
            onOpenTemplate={(templateId) =>
              void navigate({
                to: '/releases/$releaseId/step/$templateId',
                params: (prev) => ({ ...prev, templateId }),
              })
            }
          />
        )}
      </section>
    </div>
  );
}
