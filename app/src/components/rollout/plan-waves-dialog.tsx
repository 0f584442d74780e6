/**
 * "Plan waves…" (WV-12): the whole rollout built at once, one wave per cluster, one per value of a
 * metadata key, by picking each customer's wave, or from the waves planned now; previewed (who each wave holds, who no wave picked),
 * reordered and renamed, then saved by the one `planWaves` command the REST API runs too. It replaces the
 * waves the release has, so it is offered only until a step is done or skipped (`rollout-started`).
 */
import {
  type ClusterId,
  type Customer,
  type CustomerId,
  liveWaves,
  type Release,
  waveCandidates,
  waveOfCustomer,
} from '@runsheet/domain';
import { ListOrdered } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { useReleaseView } from '@/data';
import { count } from '@/lib/count';
import { metadataKeys } from './plan-draft';
import { type PlanData, PlanEditor } from './plan-editor';

export interface PlanWavesDialogProps {
  release: Release;
  /** Waves the release has now: saving replaces them. */
  currentWaves: number;
  onDone: (message: string) => void;
}

export function PlanWavesDialog({ release, currentWaves, onDone }: PlanWavesDialogProps) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline">
          <ListOrdered aria-hidden="true" />
          Plan waves…
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-3xl">
        <DialogHeader>
          <DialogTitle>Plan the waves of {release.name}</DialogTitle>
          <DialogDescription>
            Build the whole rollout at once, then reorder and rename the waves before saving.
            {currentWaves > 0 && ` Saving replaces the ${count(currentWaves, 'wave')} planned now.`}
          </DialogDescription>
        </DialogHeader>
        {open && (
          <PlanForm
            release={release}
            onCancel={() => setOpen(false)}
            onSaved={(message) => {
              setOpen(false);
              onDone(message);
            }}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}

function PlanForm({
  release,
  onCancel,
  onSaved,
}: {
  release: Release;
  onCancel: () => void;
  onSaved: (message: string) => void;
}) {
  const view = useReleaseView(release.id);
  const ready = view.status === 'ready' ? view : null;
  const version = ready?.version ?? -1;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` stands for the mutable state.
  const data = useMemo((): PlanData | null => {
    const doc = ready?.state.releases[release.id];
    if (!ready || !doc) return null;
    const candidates = waveCandidates(ready.state, ready.release, doc);
    const { clusters } = ready.state.catalog;
    const live = liveWaves(doc);
    return {
      state: ready.state,
      live,
      waveOf: (id: CustomerId) => waveOfCustomer(doc, live, id)?.id ?? null,
      candidates,
      byId: new Map<CustomerId, Customer>(candidates.map((c) => [c.id, c])),
      clusterName: (id: ClusterId) => clusters[id]?.name ?? id,
      keys: metadataKeys(candidates),
    };
  }, [version, release.id]);

  if (!data) return <p className="text-muted-foreground text-sm">Loading customers…</p>;
  return <PlanEditor release={release} data={data} version={version} onCancel={onCancel} onSaved={onSaved} />;
}
