import { createFileRoute, Outlet } from '@tanstack/react-router';
import { ReleaseMissing } from '@/components/layout/not-found';
import { ReleaseProvider } from '@/components/releases/release-context';
import { ReleaseHeader } from '@/components/releases/release-header';
import { releaseParams } from '@/components/releases/release-params';
import { ReleaseTabs } from '@/components/releases/release-tabs';
import { useReleaseRecord } from '@/data';
import { usePresenceView } from '@/sync/presence';

/**
 * Every page of one release: the header with its actions, the views as tabs, then the view. The
 * release's record is read live from the catalog (the read model), so a change made in another tab or
 * device shows at once.
 */
export const Route = createFileRoute('/releases/$releaseId')({
  params: releaseParams,
  component: ReleaseLayout,
});

function ReleaseLayout() {
  const { releaseId } = Route.useParams();
  const release = useReleaseRecord(releaseId);
  // Others see that this release is open here (pages below may say more: a customer, a step).
  usePresenceView({ releaseId });

  if (release === null) return <ReleaseMissing />;
  return (
    <ReleaseProvider release={release}>
      <ReleaseHeader release={release} />
      <ReleaseTabs releaseId={release.id} />
      <Outlet />
    </ReleaseProvider>
  );
}
