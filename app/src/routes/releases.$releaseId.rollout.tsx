import { createFileRoute } from '@tanstack/react-router';
import { useCurrentRelease } from '@/components/releases/release-context';
import { RolloutSection } from '@/components/rollout/rollout-section';
import { pageTitle } from '@/lib/page-title';

export const Route = createFileRoute('/releases/$releaseId/rollout')({
  component: RolloutPage,
});

function RolloutPage() {
  const release = useCurrentRelease();
  return (
    <>
      <title>{pageTitle(`Rollout · ${release.name}`)}</title>
      <RolloutSection release={release} />
    </>
  );
}
