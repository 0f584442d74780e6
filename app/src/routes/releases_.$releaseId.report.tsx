import { isId, type ReleaseId } from '@runsheet/domain';
import { createFileRoute } from '@tanstack/react-router';
import { ReleaseReportPage } from '@/components/data-io/report/report-page';

/**
 * `/releases/<id>/report`: the printable report of one release. Not nested in the release layout (the
 * trailing `_`), so on paper it is the report alone. The id may be the full `release:…` or its random
 * part, like the release pages.
 */
export const Route = createFileRoute('/releases_/$releaseId/report')({
  params: {
    parse: ({ releaseId }: { releaseId: string }): { releaseId: ReleaseId } => {
      const full = releaseId.startsWith('release:') ? releaseId : `release:${releaseId}`;
      return { releaseId: (isId(full, 'release') ? full : releaseId) as ReleaseId };
    },
    stringify: ({ releaseId }: { releaseId: ReleaseId }) => ({
      releaseId: releaseId.startsWith('release:') ? releaseId.slice('release:'.length) : releaseId,
    }),
  },
  component: ReportRoute,
});

function ReportRoute() {
  const { releaseId } = Route.useParams();
  return <ReleaseReportPage releaseId={releaseId} />;
}
