import { type CustomerId, idSchema, type ReleaseId } from '@runsheet/domain';
import { createFileRoute, notFound } from '@tanstack/react-router';
import { CustomerView } from '@/components/customer-view/customer-view';
import { stepSearchSchema } from '@/components/matrix/matrix-search';
import { pageTitle } from '@/lib/page-title';

// FV-004: one customer's steps in one release, with the step panel of `?step=`.
export const Route = createFileRoute('/releases/$releaseId_/customers/$customerId')({
  params: {
    parse: ({ releaseId, customerId }) => {
      if (!idSchema('release').safeParse(releaseId).success) throw notFound();
      if (!idSchema('customer').safeParse(customerId).success) throw notFound();
      return { releaseId: releaseId as ReleaseId, customerId: customerId as CustomerId };
    },
    stringify: ({ releaseId, customerId }) => ({ releaseId, customerId }),
  },
  validateSearch: stepSearchSchema,
  head: () => ({ meta: [{ title: pageTitle('Customer steps') }] }),
  component: CustomerStepsPage,
});

function CustomerStepsPage() {
  const { releaseId, customerId } = Route.useParams();
  const { step } = Route.useSearch();
  const navigate = Route.useNavigate();
  return (
    <CustomerView
      releaseId={releaseId}
      customerId={customerId}
      openStep={step}
      onOpenStep={(next) => void navigate({ search: { step: next }, replace: next === undefined })}
    />
  );
}
