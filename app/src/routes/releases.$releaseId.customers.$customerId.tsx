import { createFileRoute } from '@tanstack/react-router';
import { CustomerView } from '@/components/customers/customer-view';
import { customerParams } from '@/components/matrix/id-params';
import { stepSearchSchema } from '@/components/matrix/matrix-search';
import { useCurrentRelease } from '@/components/releases/release-context';
import { usePresenceView } from '@/sync/presence';

// FV-004: one customer's steps in this release, with the step panel of `?step=`.
export const Route = createFileRoute('/releases/$releaseId/customers/$customerId')({
  params: customerParams,
  validateSearch: stepSearchSchema,
  component: CustomerStepsPage,
});

function CustomerStepsPage() {
  const release = useCurrentRelease();
  const { customerId } = Route.useParams();
  const { step } = Route.useSearch();
  const navigate = Route.useNavigate();
  usePresenceView({ releaseId: release.id, customerId });
  return (
    <CustomerView
      release={release}
      customerId={customerId}
      openStep={step}
      onOpenStep={(next) => void navigate({ search: { step: next }, replace: next === undefined })}
    />
  );
}
