import { createRelease, type DomainError } from '@runsheet/domain';
import { createFileRoute, useNavigate } from '@tanstack/react-router';
import { PageHeader } from '@/components/layout/page-header';
import { ReleaseForm, releaseFormValues, releaseInput } from '@/components/releases/release-form';
import { pageTitle } from '@/lib/page-title';
import { useWorkspace } from '@/state/workspace-context';

export const Route = createFileRoute('/releases/new')({
  head: () => ({ meta: [{ title: pageTitle('New release') }] }),
  component: NewReleasePage,
});

function NewReleasePage() {
  const { run, local } = useWorkspace();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title="New release" description="A draft: add its template steps, then activate it." />
      <ReleaseForm
        draftKey="release-form:new"
        initial={releaseFormValues()}
        submitLabel="Create release"
        onSubmit={async (values): Promise<DomainError | null> => {
          const result = await run(createRelease, releaseInput(values));
          if (!result.ok) return result.error;
          // The release page reads the projection: wait until the new release is written there.
          await local.flush();
          await navigate({ to: '/releases/$releaseId', params: { releaseId: result.value.releaseId } });
          return null;
        }}
        onCancel={() => void navigate({ to: '/releases' })}
      />
    </>
  );
}
