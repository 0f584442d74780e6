/** Archive asks first (FR-005): an archived release is frozen until it is un-archived (LC-04, LC-05). */
import { archiveRelease, type Release } from '@runsheet/domain';
import { useState } from 'react';
import { useStoredRun } from '@/components/saving/use-saving';
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

export function ArchiveReleaseDialog({
  release,
  open,
  onOpenChange,
}: {
  release: Release;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const runStored = useStoredRun();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const archive = async () => {
    setBusy(true);
    // Said archived only once stored (IO-18).
    const result = await runStored(`Archiving ${release.name}`, archiveRelease, {
      releaseId: release.id,
    }).finally(() => setBusy(false));
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
        if (busy) return;
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
          <Button variant="outline" onClick={() => onOpenChange(false)} disabled={busy}>
            Cancel
          </Button>
          <Button onClick={() => void archive()} disabled={busy} aria-busy={busy}>
            Archive release
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
