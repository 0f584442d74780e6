/**
 * When a session ends (expired, signed out elsewhere, password reset), local edits keep waiting in
 * IndexedDB and this banner asks the person to sign in again. It does not block the page: the sign-in
 * dialog opens over it, so the page and anything typed into it stay as they were. After signing in, every
 * document connects again and uploads what waited.
 */
import { LogIn } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { useSession, useSync } from '@/sync/sync-context';
import { changes } from '@/sync/sync-summary';
import { SignInForm } from './sign-in-form';

export function SessionBanner() {
  const session = useSession();
  const { pending } = useSync();
  const [open, setOpen] = useState(false);
  if (session.kind !== 'expired') return null;
  const kept =
    pending > 0 ? `${changes(pending)} on this device will upload after you sign in.` : 'Nothing is lost.';
  return (
    <section
      aria-labelledby="session-banner-title"
      className="border-warning border-b bg-warning/15 px-4 py-2 text-sm"
    >
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2">
        <p>
          <strong id="session-banner-title">Your sign-in has ended.</strong> {kept}
        </p>
        <Dialog open={open} onOpenChange={setOpen}>
          <Button size="sm" onClick={() => setOpen(true)}>
            <LogIn aria-hidden="true" />
            Sign in again
          </Button>
          <DialogContent>
            <DialogHeader>
              <DialogTitle>Sign in again</DialogTitle>
              <DialogDescription>
                Signed out as {session.user.displayName}. This page stays as it is.
              </DialogDescription>
            </DialogHeader>
            <SignInForm autoFocus initialUsername={session.user.username} onSignedIn={() => setOpen(false)} />
          </DialogContent>
        </Dialog>
      </div>
    </section>
  );
}
