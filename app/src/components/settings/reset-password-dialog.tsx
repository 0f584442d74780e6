/** Admin: set a new password for someone (signs them out everywhere). */

import { PASSWORD_HINT, type PublicUser } from '@runsheet/protocol';
import { useState } from 'react';
import { FormAlert } from '@/components/form/form-alert';
import { checkNewPassword } from '@/components/form/new-password';
import { PasswordField } from '@/components/form/password-field';
import { useApiForm } from '@/components/sync/use-api-form';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { requiredErrors } from '@/sync/api-errors';
import { useSyncApi } from '@/sync/sync-context';

const FIELDS = ['password'] as const;

export function ResetPasswordDialog({
  user,
  onDone,
}: {
  user: PublicUser;
  onDone: (message: string) => void;
}) {
  const { api } = useSyncApi();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const form = useApiForm(FIELDS);
  const submit = form.onSubmit(
    () => checkNewPassword(requiredErrors({ password }, { password: 'a new password' }), password),
    async () => {
      await api.resetPassword(user.id, password);
      setPassword('');
      setOpen(false);
      onDone(`New password set for ${user.username}; they are signed out everywhere.`);
    },
  );
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm" variant="outline" aria-label={`Reset password of ${user.username}`}>
          Reset password
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Reset the password of {user.displayName}</DialogTitle>
          <DialogDescription>
            They are signed out on every device and sign in with the new password.
          </DialogDescription>
        </DialogHeader>
        <form ref={form.formRef} onSubmit={submit} noValidate className="grid gap-3">
          <PasswordField
            label="New password"
            name="password"
            autoComplete="new-password"
            hint={PASSWORD_HINT}
            error={form.errors.fields.password}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          {form.errors.form && <FormAlert>{form.errors.form}</FormAlert>}
          <Button type="submit" disabled={form.busy}>
            Set password
          </Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
