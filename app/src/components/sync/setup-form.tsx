/**
 * The first-run form: creates the first admin on a server that has no account yet (POST /api/setup) and
 * signs them in. Away from the server's own machine the server asks for the setup code from its log.
 */
import { useState } from 'react';
import { FormAlert } from '@/components/form/form-alert';
import { FormField } from '@/components/form/form-field';
import { checkNewPassword } from '@/components/form/new-password';
import { NewPasswordFields } from '@/components/form/password-field';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import type { FormErrors } from '@/lib/command-errors';
import { requiredErrors } from '@/sync/api-errors';
import { useSyncApi } from '@/sync/sync-context';
import { useApiForm } from './use-api-form';

const FIELDS = ['username', 'displayName', 'password', 'confirm', 'setupCode'] as const;

export function SetupForm({ setupCodeRequired, onDone }: { setupCodeRequired: boolean; onDone: () => void }) {
  const { session } = useSyncApi();
  const [values, setValues] = useState({
    username: '',
    displayName: '',
    password: '',
    confirm: '',
    setupCode: '',
  });
  const form = useApiForm(FIELDS);
  const set = (name: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setValues((v) => ({ ...v, [name]: e.target.value }));

  const validate = (): FormErrors =>
    checkNewPassword(
      requiredErrors(values, {
        username: 'a username',
        password: 'a password',
        ...(setupCodeRequired ? { setupCode: 'the setup code' } : {}),
      }),
      values.password,
      values.confirm,
    );
  const submit = form.onSubmit(validate, async () => {
    const displayName = values.displayName.trim();
    const setupCode = values.setupCode.trim();
    await session.setup({
      username: values.username.trim(),
      password: values.password,
      ...(displayName ? { displayName } : {}),
      ...(setupCode ? { setupCode } : {}),
    });
    onDone();
  });

  return (
    <form
      ref={form.formRef}
      onSubmit={submit}
      noValidate
      className="grid gap-4"
      aria-label="Create the first admin"
    >
      <FormField
        label="Username"
        hint="2 to 64 letters, digits, dots, dashes or underscores."
        error={form.errors.fields.username}
        required
      >
        <Input
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus
          value={values.username}
          onChange={set('username')}
        />
      </FormField>
      <FormField
        label="Display name"
        hint="Shown in history and presence."
        error={form.errors.fields.displayName}
      >
        <Input
          name="displayName"
          autoComplete="name"
          value={values.displayName}
          onChange={set('displayName')}
        />
      </FormField>
      <NewPasswordFields
        label="Password"
        repeatLabel="Repeat the password"
        password={values.password}
        confirm={values.confirm}
        errors={form.errors.fields}
        onChange={set}
      />
      {setupCodeRequired && (
        <FormField
          label="Setup code"
          hint="Printed in the server's log when it started. Only needed away from the server's own machine."
          error={form.errors.fields.setupCode}
          required
        >
          <Input
            name="setupCode"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            value={values.setupCode}
            onChange={set('setupCode')}
          />
        </FormField>
      )}
      {form.errors.form && <FormAlert>{form.errors.form}</FormAlert>}
      <Button type="submit" disabled={form.busy}>
        {form.busy ? 'Creating…' : 'Create admin and sign in'}
      </Button>
    </form>
  );
}
