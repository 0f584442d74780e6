/** Your account: who you are signed in as, changing your password, signing out of this device. */

import type { PublicUser } from '@runsheet/protocol';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { FormAlert } from '@/components/form/form-alert';
import { checkNewPassword } from '@/components/form/new-password';
import { NewPasswordFields, PasswordField } from '@/components/form/password-field';
import { useApiForm } from '@/components/sync/use-api-form';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { requestClearDevice } from '@/lib/clear-device';
import type { FormErrors } from '@/lib/command-errors';
import { requiredErrors } from '@/sync/api-errors';
import { useSyncApi } from '@/sync/sync-context';
import { SettingsSection } from './settings-section';

export function AccountSection({ user }: { user: PublicUser }) {
  const { session } = useSyncApi();
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = useState(false);
  return (
    <SettingsSection
      id="account"
      title="Your account"
      description={
        <>
          Signed in as <strong className="text-foreground">{user.displayName}</strong> ({user.username},{' '}
          {user.role}).
        </>
      }
    >
      <ChangePasswordForm />
      <div className="border-t pt-4">
        <Button
          variant="outline"
          disabled={signingOut}
          onClick={() => {
            setSigningOut(true);
            session
              .signOut()
              .then(() => navigate({ to: '/signin' }))
              .finally(() => setSigningOut(false));
          }}
        >
          Sign out of this device
        </Button>
        <p className="mt-2 text-muted-foreground text-sm">
          Your checklists stay on this device; changes you make signed out wait until someone signs in.
        </p>
      </div>
      <ClearDevice />
    </SettingsSection>
  );
}

/**
 * SE-12: on a shared tablet, sign out and leave nothing behind. Asked first, since what this device has not
 * yet sent to the server is gone with it; the clearing itself happens as the page starts again.
 */
function ClearDevice() {
  const { session } = useSyncApi();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await session.signOut();
      requestClearDevice();
      window.location.replace('/signin');
    } catch (cause) {
      setBusy(false);
      setError(
        `Could not sign out: ${cause instanceof Error ? cause.message : String(cause)}. Nothing was cleared.`,
      );
    }
  };
  return (
    <div className="border-t pt-4">
      <Button variant="outline" onClick={() => setOpen(true)}>
        Sign out and clear this device…
      </Button>
      <p className="mt-2 text-muted-foreground text-sm">
        For a shared device: signs out and removes every checklist, draft and setting Runsheet keeps in this
        browser.
      </p>
      <Dialog open={open} onOpenChange={(next) => !busy && setOpen(next)}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Sign out and clear this device?</DialogTitle>
            <DialogDescription>
              Everything Runsheet keeps in this browser is removed: clusters, customers, releases, their
              history, drafts and settings. What the server has comes back when you sign in again; changes
              this device has not sent yet are lost.
            </DialogDescription>
          </DialogHeader>
          {error && <FormAlert>{error}</FormAlert>}
          <DialogFooter>
            <Button variant="outline" onClick={() => setOpen(false)} disabled={busy}>
              Cancel
            </Button>
            <Button variant="destructive" onClick={confirm} disabled={busy}>
              Sign out and clear
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </div>
  );
}

const FIELDS = ['currentPassword', 'password', 'confirm'] as const;

function ChangePasswordForm() {
  const { api } = useSyncApi();
  const [values, setValues] = useState({ currentPassword: '', password: '', confirm: '' });
  const [done, setDone] = useState(false);
  const form = useApiForm(FIELDS);
  const set = (name: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setDone(false);
    setValues((v) => ({ ...v, [name]: e.target.value }));
  };
  const validate = (): FormErrors =>
    checkNewPassword(
      requiredErrors(values, { currentPassword: 'your current password', password: 'a new password' }),
      values.password,
      values.confirm,
    );
  const submit = form.onSubmit(
    validate,
    async () => {
      await api.changePassword(values.currentPassword, values.password);
      setValues({ currentPassword: '', password: '', confirm: '' });
      setDone(true);
    },
    {
      aliases: { newPassword: 'password' },
      codes: {
        'invalid-credentials': { field: 'currentPassword', message: 'That is not your current password.' },
      },
    },
  );
  const errors = form.errors;
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate className="grid gap-3" aria-label="Change password">
      <h3 className="font-medium">Change password</h3>
      <PasswordField
        label="Current password"
        name="currentPassword"
        autoComplete="current-password"
        error={errors.fields.currentPassword}
        value={values.currentPassword}
        onChange={set('currentPassword')}
      />
      <NewPasswordFields
        label="New password"
        repeatLabel="Repeat the new password"
        password={values.password}
        confirm={values.confirm}
        errors={errors.fields}
        onChange={set}
      />
      {errors.form && <FormAlert>{errors.form}</FormAlert>}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={form.busy}>
          Change password
        </Button>
        <p role="status" className="text-sm">
          {done ? 'Password changed. Your other devices need to sign in again.' : ''}
        </p>
      </div>
    </form>
  );
}
