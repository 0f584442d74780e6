import { type DomainError, updateRelease } from '@runsheet/domain';
import { createFileRoute, useNavigate } from '@tanstack/react-router';
import { useCurrentRelease } from '@/components/releases/release-context';
import { ReleaseForm, releaseFormValues, releaseInput } from '@/components/releases/release-form';
import { pageTitle } from '@/lib/page-title';
import { useWorkspace } from '@/state/workspace-context';

export const Route = createFileRoute('/releases/$releaseId/edit')({
  component: EditReleasePage,
});

function EditReleasePage() {
  const release = useCurrentRelease();
  const { run } = useWorkspace();
  const navigate = useNavigate();
  const back = () => navigate({ to: '/releases/$releaseId', params: { releaseId: release.id } });

  return (
    <section aria-labelledby="edit-release" className="grid gap-4">
      <title>{pageTitle(`Edit ${release.name}`)}</title>
      <h2 id="edit-release" className="font-semibold text-lg">
        Edit release
      </h2>
      {release.status === 'archived' ? (
        <p>This release is archived. Un-archive it to edit it.</p>
      ) : (
        <ReleaseForm
          draftKey={`release-form:${release.id}`}
          initial={releaseFormValues(release)}
          submitLabel="Save changes"
          onSubmit={async (values): Promise<DomainError | null> => {
            const result = await run(updateRelease, { releaseId: release.id, ...releaseInput(values) });
            if (!result.ok) return result.error;
            await back();
            return null;
          }}
          onCancel={() => void back()}
        />
      )}
    </section>
  );
}
