/**
 * Add customers to an active release (LC-02, technical-spec §6.8). Only customers not in it yet are
 * offered; each new one gets every template step at once (ST-01).
 */
import { addCustomersToRelease, type CustomerId, type Release } from '@runsheet/domain';
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
import { useCustomersByCluster, useParticipantIds } from '@/data';
import { customerCount } from '@/lib/count';
import { useWorkspace } from '@/state/workspace-context';
import { allCustomerIds, CustomerPicker, pickerGroups } from './customer-picker';

export interface AddCustomersDialogProps {
  release: Release;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

export function AddCustomersDialog({ release, open, onOpenChange }: AddCustomersDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>Add customers to {release.name}</DialogTitle>
          <DialogDescription>
            Customers already taking part are not listed. New ones get every template step.
          </DialogDescription>
        </DialogHeader>
        <AddForm release={release} onDone={() => onOpenChange(false)} />
      </DialogContent>
    </Dialog>
  );
}

function AddForm({ release, onDone }: { release: Release; onDone: () => void }) {
  const { run } = useWorkspace();
  const grouped = useCustomersByCluster();
  const participants = useParticipantIds(release.id);
  const [selected, setSelected] = useState<Set<CustomerId>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!grouped || !participants) return <p className="text-muted-foreground text-sm">Loading customers…</p>;
  const groups = pickerGroups(grouped, participants);
  if (groups.length === 0) {
    return (
      <div className="grid gap-4">
        <p>Every active customer already takes part in this release.</p>
        <DialogFooter>
          <Button variant="outline" onClick={onDone}>
            Close
          </Button>
        </DialogFooter>
      </div>
    );
  }
  const ids = allCustomerIds(groups).filter((c) => selected.has(c));

  const add = async () => {
    setBusy(true);
    const result = await run(addCustomersToRelease, { releaseId: release.id, customerIds: ids });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    toast({ title: `Added ${customerCount(result.value.added.length)}`, description: `to ${release.name}.` });
    onDone();
  };

  return (
    <div className="grid gap-4">
      <CustomerPicker groups={groups} selected={selected} onChange={setSelected} />
      {error && (
        <p role="alert" className="text-destructive text-sm">
          {error}
        </p>
      )}
      <DialogFooter>
        <Button variant="outline" onClick={onDone}>
          Cancel
        </Button>
        <Button onClick={() => void add()} disabled={ids.length === 0 || busy}>
          {ids.length === 0 ? 'Add customers' : `Add ${customerCount(ids.length)}`}
        </Button>
      </DialogFooter>
    </div>
  );
}
