/**
 * Activate a draft (FR-003, BR-R01, LC-01): choose the customers that take part, all
 * usable customers preselected. A release with no template steps is activated only after a second,
 * explicit confirmation: its customers would get nothing to run.
 */
import { activateRelease, type CustomerId, type Release } from '@runsheet/domain';
import { Link } from '@tanstack/react-router';
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
import { useCustomersByCluster } from '@/data';
import { customerCount, takePart } from '@/lib/count';
import { allCustomerIds, CustomerPicker, pickerGroups } from './customer-picker';

export interface ActivateReleaseDialogProps {
  release: Release;
  templateCount: number;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

export function ActivateReleaseDialog({
  release,
  templateCount,
  open,
  onOpenChange,
}: ActivateReleaseDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>Activate {release.name}</DialogTitle>
          <DialogDescription>
            Choose the customers that take part. Each gets every template step, grouped by cluster.
          </DialogDescription>
        </DialogHeader>
        {/* Mounted only while open, so every opening starts from a fresh selection. */}
        <ActivateForm release={release} templateCount={templateCount} onDone={() => onOpenChange(false)} />
      </DialogContent>
    </Dialog>
  );
}

function ActivateForm({
  release,
  templateCount,
  onDone,
}: {
  release: Release;
  templateCount: number;
  onDone: () => void;
}) {
  const runStored = useStoredRun();
  const grouped = useCustomersByCluster();
  const groups = grouped ? pickerGroups(grouped) : undefined;
  // null: nothing touched yet, which means "all of them" (BR-R01's default audience).
  const [chosen, setChosen] = useState<Set<CustomerId> | null>(null);
  const [confirmingEmpty, setConfirmingEmpty] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!groups) return <p className="text-muted-foreground text-sm">Loading customers…</p>;
  if (groups.length === 0) {
    return (
      <div className="grid gap-4">
        <p>
          There are no active customers yet. Add a cluster and its customers first, then activate the release.
        </p>
        <DialogFooter>
          <Button asChild variant="outline">
            <Link to="/customers">Go to customers</Link>
          </Button>
        </DialogFooter>
      </div>
    );
  }

  const selected = chosen ?? new Set(allCustomerIds(groups));
  const ids = allCustomerIds(groups).filter((c) => selected.has(c));

  const activate = async () => {
    if (templateCount === 0 && !confirmingEmpty) {
      setConfirmingEmpty(true);
      return;
    }
    setBusy(true);
    // Said done only once stored: a reload right after must not lose 1,000 participants (IO-18).
    const result = await runStored(`Activating ${release.name}`, activateRelease, {
      releaseId: release.id,
      customerIds: ids,
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    toast({ title: `Activated ${release.name}`, description: `${takePart(ids.length)}.` });
    onDone();
  };

  return (
    <div className="grid gap-4">
      <CustomerPicker
        groups={groups}
        selected={selected}
        onChange={(next) => {
          setChosen(next);
          setConfirmingEmpty(false);
        }}
      />
      {confirmingEmpty && (
        <div role="alert" className="rounded-md border border-warning bg-warning/15 p-3 text-sm">
          <p className="font-medium">This release has no template steps yet.</p>
          <p>
            Its customers get nothing to run until steps are added.{' '}
            <Link
              to="/releases/$releaseId/steps"
              params={{ releaseId: release.id }}
              onClick={onDone}
              className="underline underline-offset-2"
            >
              Add steps first
            </Link>
            , or activate anyway.
          </p>
        </div>
      )}
      {error && (
        <p role="alert" className="text-destructive text-sm">
          {error}
        </p>
      )}
      <DialogFooter>
        <Button variant="outline" onClick={onDone}>
          Cancel
        </Button>
        <Button onClick={() => void activate()} disabled={ids.length === 0 || busy}>
          {confirmingEmpty ? 'Activate without steps' : `Activate for ${customerCount(ids.length)}`}
        </Button>
      </DialogFooter>
    </div>
  );
}
