import { createFileRoute } from '@tanstack/react-router';
import { useCurrentRelease } from '@/components/releases/release-context';
import { ReleaseOverview } from '@/components/releases/release-overview';
import { pageTitle } from '@/lib/page-title';

export const Route = createFileRoute('/releases/$releaseId/')({
  component: ReleasePage,
});

function ReleasePage() {
  const release = useCurrentRelease();
  return (
    <div className="grid gap-8">
      <title>{pageTitle(release.name)}</title>
      <ReleaseOverview release={release} />
      {/*
        The execution matrix (FV-003) goes here: steps × customers grouped by cluster. It is built on
        the feat/matrix branch; this region is its place on the page.
      */}
      <section aria-label="Matrix" data-region="matrix" className="grid gap-3">
        <h2 className="font-semibold text-lg">Steps by customer</h2>
        <p className="text-muted-foreground text-sm">
          {release.status === 'draft'
            ? 'Once the release is active, every customer’s steps appear here.'
            : 'The step matrix is on its way.'}
        </p>
      </section>
    </div>
  );
}
