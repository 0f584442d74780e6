/**
 * Add customers to an active release (LC-02). Only customers not in it yet are
 * offered; each new one gets every template step at once (ST-01).
 */
import {
  addCustomersToRelease,
  type CustomerId,
  liveWaves,
  type Release,
  type WaveId,
} from '@runsheet/domain';
import { useMemo, useState } from 'react';
import { FormField } from '@/components/form/form-field';
import { OptionSelect } from '@/components/form/option-select';
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
import { useCustomersByCluster, useParticipantIds, useReleaseView } from '@/data';
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
  // WV-03: with waves, the new customers land in the wave picked here (default: the last).
  const view = useReleaseView(release.id);
  const doc = view.status === 'ready' ? view.state.releases[release.id] : undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` stands for the mutable state.
  const waves = useMemo(() => (doc ? liveWaves(doc) : []), [doc, view.version]);
  const [waveId, setWaveId] = useState<WaveId | null>(null);
  const chosenWave = waves.find((w) => w.id === waveId) ?? waves[waves.length - 1];

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
    const result = await run(addCustomersToRelease, {
      releaseId: release.id,
      customerIds: ids,
      ...(chosenWave && { waveId: chosenWave.id }),
    });
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
      {chosenWave && (
        <FormField label="Wave they join" hint="The new customers’ steps follow this wave’s gate.">
          <OptionSelect
            value={chosenWave.id}
            options={waves.map((w) => ({ value: w.id, label: w.name }))}
            onValueChange={setWaveId}
          />
        </FormField>
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
        <Button onClick={() => void add()} disabled={ids.length === 0 || busy}>
          {ids.length === 0 ? 'Add customers' : `Add ${customerCount(ids.length)}`}
        </Button>
      </DialogFooter>
    </div>
  );
}
