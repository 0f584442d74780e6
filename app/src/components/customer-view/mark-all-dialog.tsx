/**
 * Confirmation of "Mark all" (FET-004): it marks every pending step of one category done for one
 * customer at once, so the dialog says how many, for whom and where before anything happens.
 */
import { bulkMarkDone, type CustomerId, type ReleaseId, type StepCategory } from '@runsheet/domain';
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
import { useWorkspace } from '@/state/workspace-context';
import { categoryLabel } from './step-fields';

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
  const { run } = useWorkspace();
  const label = category ? categoryLabel(category).toLowerCase() : '';
  return (
    <Dialog open={category !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Mark all {label} steps done?</DialogTitle>
          <DialogDescription>
            {count(pending, `pending ${label} step`)} of {customerLabel} will be marked done now, with the
            content filled in for this customer.
          </DialogDescription>
        </DialogHeader>
        <DialogFooter>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button
            onClick={async () => {
              if (!category) return;
              const result = await run(bulkMarkDone, { releaseId, customerId, category }, releaseId);
              onClose();
              if (!result.ok) {
                toast({
                  title: 'Nothing marked done',
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
