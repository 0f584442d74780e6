import type { PublicToken } from '@runsheet/protocol';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { apiErrors } from '@/sync/api-errors';
import { useSyncApi } from '@/sync/sync-context';

/** Revoking cannot be undone, and whatever uses the token stops at once: ask first. */
export function RevokeTokenDialog({
  token,
  onRevoked,
  onFailed,
}: {
  token: PublicToken;
  onRevoked: () => void;
  onFailed: (message: string) => void;
}) {
  const { api } = useSyncApi();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm" variant="outline" aria-label={`Revoke ${token.name}`}>
          Revoke
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Revoke “{token.name}”?</DialogTitle>
          <DialogDescription>
            Anything using this token stops working at once. This cannot be undone.
          </DialogDescription>
        </DialogHeader>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Keep it</Button>
          </DialogClose>
          <Button
            variant="destructive"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              api
                .revokeToken(token.id)
                .then(onRevoked, (error: unknown) =>
                  onFailed(apiErrors(error, []).form ?? 'Revoking failed.'),
                )
                .finally(() => {
                  setBusy(false);
                  setOpen(false);
                });
            }}
          >
            Revoke token
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
