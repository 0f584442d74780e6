/**
 * Confirmation of "Mark all" (FET-004): it marks every pending step of one category done for one
 * customer at once, so the dialog says how many, for whom and where before anything happens.
 */
import { bulkMarkDone, type CustomerId, type ReleaseId, type StepCategory } from '@runsheet/domain';
import { useState } from 'react';
import { failureTitle, useStoredRun } from '@/components/saving/use-saving';
import { categoryLabel } from '@/components/steps/step-fields';
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
import { count } from '@/lib/count';

export interface MarkAllDialogProps {
  /** The category to confirm, or null when closed. */
  category: StepCategory | null;
  pending: number;
  releaseId: ReleaseId;
  customerId: CustomerId;
  customerLabel: string;
  onClose: () => void;
}

export function MarkAllDialog({
  category,
  pending,
  releaseId,
  customerId,
  customerLabel,
  onClose,
}: MarkAllDialogProps) {
  const runStored = useStoredRun();
  // Until the change is stored (IO-18): a second click would only be refused, and closing looks done.
  const [busy, setBusy] = useState(false);
  const label = category ? categoryLabel(category).toLowerCase() : '';
  return (
    <Dialog open={category !== null} onOpenChange={(open) => !open && !busy && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Mark all {label} steps done?</DialogTitle>
          <DialogDescription>
            {count(pending, `pending ${label} step`)} of {customerLabel} will be marked done now, with the
            content filled in for this customer.
          </DialogDescription>
        </DialogHeader>
        <DialogFooter>
          <Button variant="ghost" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button
            disabled={busy}
            aria-busy={busy}
            onClick={async () => {
              if (!category) return;
              setBusy(true);
              // The toast says done only once stored (IO-18).
              const result = await runStored(`Marking ${count(pending, 'step')} done`, bulkMarkDone, {
                releaseId,
                customerId,
                category,
              }).finally(() => setBusy(false));
              onClose();
              if (!result.ok) {
                toast({
                  title: failureTitle(result, 'Nothing marked done'),
                  description: result.error.message,
                  variant: 'destructive',
                });
                return;
              }
              const { done, refused } = result.value;
              toast({
                title: `${count(done.length, `${label} step`)} done for ${customerLabel}`,
                description: refused.length > 0 ? `${refused.length} could not be marked done.` : undefined,
                variant: refused.length > 0 ? 'destructive' : 'default',
              });
            }}
          >
            Mark {pending} done
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
