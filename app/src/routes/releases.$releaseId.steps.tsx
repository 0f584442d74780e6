import { createFileRoute } from '@tanstack/react-router';
import { useCurrentRelease } from '@/components/releases/release-context';
import { TemplateSteps } from '@/components/templates/template-steps';
import { pageTitle } from '@/lib/page-title';

export const Route = createFileRoute('/releases/$releaseId/steps')({
  component: TemplateStepsPage,
});

function TemplateStepsPage() {
  const release = useCurrentRelease();
  return (
    <>
      <title>{pageTitle(`Template steps · ${release.name}`)}</title>
      <TemplateSteps release={release} />
    </>
  );
}
