import { idSchema, type ReleaseId, type TemplateId } from '@runsheet/domain';
import { createFileRoute, notFound } from '@tanstack/react-router';
import { stepSearchSchema } from '@/components/matrix/matrix-search';
import { StepAcrossCustomers } from '@/components/matrix/step-across-customers';
import { pageTitle } from '@/lib/page-title';

// FV-005: one template step across every customer. Singular `step/`, because `/releases/$releaseId/steps`
// is the template editor.
export const Route = createFileRoute('/releases/$releaseId_/step/$templateId')({
  params: {
    parse: ({ releaseId, templateId }) => {
      if (!idSchema('release').safeParse(releaseId).success) throw notFound();
      if (!idSchema('template').safeParse(templateId).success) throw notFound();
      return { releaseId: releaseId as ReleaseId, templateId: templateId as TemplateId };
    },
    stringify: ({ releaseId, templateId }) => ({ releaseId, templateId }),
  },
  validateSearch: stepSearchSchema,
  head: () => ({ meta: [{ title: pageTitle('Step across customers') }] }),
  component: StepAcrossCustomersPage,
});

function StepAcrossCustomersPage() {
  const { releaseId, templateId } = Route.useParams();
  const { step } = Route.useSearch();
  const navigate = Route.useNavigate();
  return (
    <StepAcrossCustomers
      releaseId={releaseId}
      templateId={templateId}
      openStep={step}
      onOpenStep={(next) => void navigate({ search: { step: next }, replace: next === undefined })}
    />
  );
}
