import { createFileRoute } from '@tanstack/react-router';
import { TemporalReleasePage } from '@/components/temporal/temporal-release-page';
import { pageTitle } from '@/lib/page-title';

/** /temporal/release:… : a Temporal-driven release and its hierarchy, live from the mirror. */
export const Route = createFileRoute('/temporal/$releaseId')({
  head: ({ params }) => ({ meta: [{ title: pageTitle(params.releaseId) }] }),
  component: TemporalReleaseRoute,
});

function TemporalReleaseRoute() {
  const { releaseId } = Route.useParams();
  return <TemporalReleasePage releaseId={releaseId} />;
}
