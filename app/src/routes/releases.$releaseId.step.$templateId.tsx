import { createFileRoute } from '@tanstack/react-router';
import { templateParams } from '@/components/matrix/id-params';
import { stepSearchSchema } from '@/components/matrix/matrix-search';
import { StepAcrossCustomers } from '@/components/matrix/step-across-customers';
import { useCurrentRelease } from '@/components/releases/release-context';

// FV-005: one template step across every customer. Singular `step/`: `/releases/$releaseId/steps` is
// the template editor.
export const Route = createFileRoute('/releases/$releaseId/step/$templateId')({
  params: templateParams,
  validateSearch: stepSearchSchema,
  component: StepAcrossCustomersPage,
});

function StepAcrossCustomersPage() {
  const release = useCurrentRelease();
  const { templateId } = Route.useParams();
  const { step } = Route.useSearch();
  const navigate = Route.useNavigate();
  return (
    <StepAcrossCustomers
      release={release}
      templateId={templateId}
      openStep={step}
      onOpenStep={(next) => void navigate({ search: { step: next }, replace: next === undefined })}
    />
  );
}
