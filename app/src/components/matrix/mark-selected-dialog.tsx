/**
 * Confirmation of "Mark done for selected" (FV-005): one step for many customers at once, so it names
 * them with their cluster / namespace before anything runs.
 */
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
import { customerCount } from '@/lib/count';
import type { StepRowItem } from './step-rows';

const NAMED = 5;

export function MarkSelectedDialog({
  open,
  onClose,
  onConfirm,
  stepName,
  chosen,
}: {
  open: boolean;
  onClose: () => void;
  onConfirm: () => void | Promise<void>;
  stepName: string;
  chosen: readonly StepRowItem[];
}) {
  const named = chosen
    .slice(0, NAMED)
    .map((i) => `${i.column.name} (${i.column.clusterName} / ${i.column.namespace})`)
    .join(', ');
  // Until the change is stored (IO-18): a second click would only be refused, and closing looks done.
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} onOpenChange={(next) => !next && !busy && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>
            Mark “{stepName}” done for {customerCount(chosen.length)}?
          </DialogTitle>
          <DialogDescription>
            Each customer's content is filled in with its own variables: {named}
            {chosen.length > NAMED ? ` and ${chosen.length - NAMED} more` : ''}.
          </DialogDescription>
        </DialogHeader>
        <DialogFooter>
          <Button variant="ghost" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button onClick={() => void confirm()} disabled={busy} aria-busy={busy}>
            Mark {chosen.length} done
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
