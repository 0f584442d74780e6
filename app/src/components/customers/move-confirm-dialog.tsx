import type { MoveWarning } from '@runsheet/domain';
import { FormAlert } from '@/components/form/form-alert';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { useWorkspace } from '@/state/workspace-context';
import { MoveWarningView } from './move-warning';

/** Names of the active releases a move warning lists (read from the catalog the command saw). */
export function useReleaseNames(warning: MoveWarning | null): string[] {
  const { local } = useWorkspace();
  if (!warning) return [];
  return warning.activeReleaseIds.map((id) => local.state.catalog.releases[id]?.name ?? id);
}

/** BR-M02: nothing moves until the user has seen the old and new kube context and said so. */
export function MoveConfirmDialog({
  warning,
  error,
  busy,
  onConfirm,
  onCancel,
}: {
  warning: MoveWarning | null;
  error: string | null;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const releaseNames = useReleaseNames(warning);
  return (
    <Dialog open={warning !== null} onOpenChange={(open) => !open && onCancel()}>
      <DialogContent>
        {warning && (
          <>
            <DialogHeader>
              <DialogTitle>
                Move {warning.customerName} to {warning.to.name}?
              </DialogTitle>
              <DialogDescription>Check the new kube context before you confirm.</DialogDescription>
            </DialogHeader>
            <MoveWarningView warning={warning} releaseNames={releaseNames} />
            {error && <FormAlert>{error}</FormAlert>}
            <DialogFooter>
              <Button variant="outline" onClick={onCancel}>
                Cancel
              </Button>
              <Button onClick={onConfirm} disabled={busy}>
                Move to {warning.to.name}
              </Button>
            </DialogFooter>
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}
