/** Admin: add an account (username, display name, first password, role). */

import type { Role } from '@runsheet/protocol';
import { useState } from 'react';
import { FormAlert } from '@/components/form/form-alert';
import { FormField } from '@/components/form/form-field';
import { checkNewPassword } from '@/components/form/new-password';
import { PasswordField } from '@/components/form/password-field';
import { useApiForm } from '@/components/sync/use-api-form';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import type { FormErrors } from '@/lib/command-errors';
import { requiredErrors } from '@/sync/api-errors';
import { useSyncApi } from '@/sync/sync-context';
import { ROLE_TEXT, RoleSelect } from './role-select';

const FIELDS = ['username', 'displayName', 'password', 'role'] as const;
const EMPTY = { username: '', displayName: '', password: '' };

export function CreateUserForm({ onCreated }: { onCreated: (username: string) => void }) {
  const { api } = useSyncApi();
  const [values, setValues] = useState(EMPTY);
  const [role, setRole] = useState<Role>('member');
  const form = useApiForm(FIELDS);
  const set = (name: keyof typeof EMPTY) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setValues((v) => ({ ...v, [name]: e.target.value }));
  const validate = (): FormErrors =>
    checkNewPassword(
      requiredErrors(values, { username: 'a username', password: 'a first password' }),
      values.password,
    );
  const submit = form.onSubmit(validate, async () => {
    const displayName = values.displayName.trim();
    const user = await api.createUser({
      username: values.username.trim(),
      password: values.password,
      role,
      ...(displayName ? { displayName } : {}),
    });
    setValues(EMPTY);
    onCreated(user.username);
  });
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate className="grid gap-3" aria-label="Add an account">
      <h3 className="font-medium">Add an account</h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField label="Username" error={form.errors.fields.username} required>
          <Input
            name="username"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={values.username}
            onChange={set('username')}
          />
        </FormField>
        <FormField label="Display name" error={form.errors.fields.displayName}>
          <Input
            name="displayName"
            autoComplete="off"
            value={values.displayName}
            onChange={set('displayName')}
          />
        </FormField>
        <PasswordField
          label="First password"
          name="password"
          autoComplete="new-password"
          hint="Tell them; they can change it in Settings."
          error={form.errors.fields.password}
          value={values.password}
          onChange={set('password')}
        />
        <FormField label="Role" hint={ROLE_TEXT[role]} error={form.errors.fields.role}>
          <RoleSelect value={role} onChange={setRole} />
        </FormField>
      </div>
      {form.errors.form && <FormAlert>{form.errors.form}</FormAlert>}
      <div>
        <Button type="submit" disabled={form.busy}>
          Add account
        </Button>
      </div>
    </form>
  );
}
