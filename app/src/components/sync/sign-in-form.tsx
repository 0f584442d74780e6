/**
 * Username and password, with errors beside the fields. Used by the /signin page and by the dialog that
 * asks to sign in again when a session ends (which keeps the page behind it, and what was typed there).
 */
import { useState } from 'react';
import { FormAlert } from '@/components/form/form-alert';
import { FormField } from '@/components/form/form-field';
import { PasswordField } from '@/components/form/password-field';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { requiredErrors } from '@/sync/api-errors';
import { useSyncApi } from '@/sync/sync-context';
import { useApiForm } from './use-api-form';

const FIELDS = ['username', 'password'] as const;

export function SignInForm({
  initialUsername = '',
  onSignedIn,
  autoFocus = false,
}: {
  initialUsername?: string;
  onSignedIn: () => void;
  autoFocus?: boolean;
}) {
  const { session } = useSyncApi();
  const [username, setUsername] = useState(initialUsername);
  const [password, setPassword] = useState('');
  const form = useApiForm(FIELDS);
  const submit = form.onSubmit(
    () => requiredErrors({ username, password }, { username: 'your username', password: 'your password' }),
    async () => {
      await session.signIn(username.trim(), password);
      onSignedIn();
    },
  );
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate className="grid gap-4" aria-label="Sign in">
      <FormField label="Username" error={form.errors.fields.username} required>
        <Input
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          // A sign-in page has one job; the dialog focuses its first field by itself.
          autoFocus={autoFocus && initialUsername === ''}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </FormField>
      <PasswordField
        label="Password"
        name="password"
        autoComplete="current-password"
        autoFocus={autoFocus && initialUsername !== ''}
        error={form.errors.fields.password}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      {form.errors.form && <FormAlert>{form.errors.form}</FormAlert>}
      <Button type="submit" disabled={form.busy}>
        {form.busy ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
