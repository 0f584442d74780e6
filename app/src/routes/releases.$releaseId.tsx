import { createFileRoute, Link, Outlet } from '@tanstack/react-router';
import { ReleaseProvider } from '@/components/releases/release-context';
import { ReleaseHeader } from '@/components/releases/release-header';
import { releaseParams } from '@/components/releases/release-params';
import { ReleaseTabs } from '@/components/releases/release-tabs';
import { Button } from '@/components/ui/button';
import { useReleaseRecord } from '@/data';
import { pageTitle } from '@/lib/page-title';
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

  if (release === null) {
    return (
      <div className="grid justify-items-start gap-4">
        <title>{pageTitle('Release not found')}</title>
        <h1 className="font-semibold text-2xl tracking-tight">Release not found</h1>
        <p className="text-muted-foreground">
          This device has no release with that address. It may not have synced here yet.
        </p>
        <Button asChild>
          <Link to="/releases">All releases</Link>
        </Button>
      </div>
    );
  }
  return (
    <ReleaseProvider release={release}>
      <ReleaseHeader release={release} />
      <ReleaseTabs releaseId={release.id} />
      <Outlet />
    </ReleaseProvider>
  );
}
