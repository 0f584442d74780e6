/** Archive asks first (FR-005): an archived release is frozen until it is un-archived (LC-04, LC-05). */
import { archiveRelease, type Release } from '@runsheet/domain';
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
import { useWorkspace } from '@/state/workspace-context';

export function ArchiveReleaseDialog({
  release,
  open,
  onOpenChange,
}: {
  release: Release;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { run } = useWorkspace();
  const [error, setError] = useState<string | null>(null);

  const archive = async () => {
    const result = await run(archiveRelease, { releaseId: release.id }, release.id);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    toast({ title: `Archived ${release.name}`, description: 'Un-archive it to change it again.' });
    onOpenChange(false);
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setError(null);
        onOpenChange(next);
      }}
    >
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Archive {release.name}?</DialogTitle>
          <DialogDescription>
            An archived release is frozen: its steps, customers and template can no longer change. Its history
            stays, and you can un-archive it later.
          </DialogDescription>
        </DialogHeader>
        {error && (
          <p role="alert" className="text-destructive text-sm">
            {error}
          </p>
        )}
        <DialogFooter>
          <Button variant="outline" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button onClick={() => void archive()}>Archive release</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
