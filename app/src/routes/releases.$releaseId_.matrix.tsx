import { idSchema, type ReleaseId } from '@runsheet/domain';
import { createFileRoute, notFound } from '@tanstack/react-router';
import { PageHeader } from '@/components/layout/page-header';
import { type MatrixSearch, matrixSearchSchema } from '@/components/matrix/matrix-search';
import { ReleaseFacts, releaseTitle } from '@/components/matrix/release-facts';
import { ReleaseMatrix } from '@/components/matrix/release-matrix';
import { useLiveCatalog } from '@/components/matrix/use-live-release';
import { pageTitle } from '@/lib/page-title';

// The release matrix on a page of its own until the release page (feat/releases) mounts it in its body.
export const Route = createFileRoute('/releases/$releaseId_/matrix')({
  params: {
    parse: ({ releaseId }) => {
      if (!idSchema('release').safeParse(releaseId).success) throw notFound();
      return { releaseId: releaseId as ReleaseId };
    },
    stringify: ({ releaseId }) => ({ releaseId }),
  },
  validateSearch: matrixSearchSchema,
  head: () => ({ meta: [{ title: pageTitle('Release matrix') }] }),
  component: MatrixPage,
});

function MatrixPage() {
  const { releaseId } = Route.useParams();
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const { state } = useLiveCatalog();
  const release = state.catalog.releases[releaseId];
  if (!release) {
    return (
      <PageHeader title="Release not found" description="There is no release with this id on this device." />
    );
  }
  const setSearch = (patch: Partial<MatrixSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: patch.step === undefined });
  return (
    <>
      <PageHeader title={releaseTitle(release)} description={<ReleaseFacts release={release} />} />
      <ReleaseMatrix
        releaseId={releaseId}
        search={search}
        onSearchChange={setSearch}
        onOpenCustomer={(customerId) =>
          void navigate({
            to: '/releases/$releaseId/customers/$customerId',
            params: { releaseId, customerId },
          })
        }
        onOpenTemplate={(templateId) =>
          void navigate({ to: '/releases/$releaseId/step/$templateId', params: { releaseId, templateId } })
        }
      />
    </>
  );
}
