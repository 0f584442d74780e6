/**
 * Delete a template step, with the warning FS-004 asks for: how many customer steps go with it and how
 * many executed ones stay (ST-03, previewTemplateDelete). Nothing executed is ever lost.
 */
import { deleteTemplate, previewTemplateDelete, type Release, type StepTemplate } from '@runsheet/domain';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { toast } from '@/components/ui/use-toast';
import { useReleaseView } from '@/data';
import { useWorkspace } from '@/state/workspace-context';
import { deleteImpactText } from './impact-text';

export function DeleteTemplateDialog({
  release,
  template,
  onClose,
}: {
  release: Release;
  template: StepTemplate | null;
  onClose: () => void;
}) {
  return (
    <Dialog open={template !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        {template && <Confirm release={release} template={template} onClose={onClose} />}
      </DialogContent>
    </Dialog>
  );
}

function Confirm({
  release,
  template,
  onClose,
}: {
  release: Release;
  template: StepTemplate;
  onClose: () => void;
}) {
  const { run } = useWorkspace();
  const view = useReleaseView(release.id);
  const state = view.status === 'ready' ? view.state : null;
  const [error, setError] = useState<string | null>(null);
  const impact = state
    ? previewTemplateDelete(state, { releaseId: release.id, templateId: template.id })
    : null;

  const remove = async () => {
    const result = await run(deleteTemplate, { releaseId: release.id, templateId: template.id });
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    toast({ title: `Deleted ${template.name}`, description: deleteImpactText(result.value.impact) });
    onClose();
  };

  return (
    <>
      <DialogHeader>
        <DialogTitle>Delete {template.name}?</DialogTitle>
        <DialogDescription>The step leaves the template of {release.name}.</DialogDescription>
      </DialogHeader>
      <p className="text-sm" data-testid="delete-impact" aria-live="polite">
        {impact ? deleteImpactText(impact) : 'Counting the customer steps…'}
      </p>
      {error && (
        <p role="alert" className="text-destructive text-sm">
          {error}
        </p>
      )}
      <DialogFooter>
        <Button variant="outline" onClick={onClose}>
          Cancel
        </Button>
        <Button variant="destructive" onClick={() => void remove()} disabled={!impact}>
          Delete step
        </Button>
      </DialogFooter>
    </>
  );
}
