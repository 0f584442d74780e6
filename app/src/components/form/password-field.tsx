/**
 * A password in its labelled field, as every sign-in, setup and account form shows it. `autoComplete`
 * tells password managers what the field holds: `current-password` to fill in a saved one,
 * `new-password` to offer a new one and save it.
 */
import { PASSWORD_HINT } from '@runsheet/protocol';
import type { ChangeEvent } from 'react';
import { Input } from '@/components/ui/input';
import { FormField } from './form-field';

export function PasswordField({
  label,
  name,
  autoComplete,
  value,
  onChange,
  error,
  hint,
  autoFocus,
}: {
  label: string;
  name: string;
  autoComplete: 'current-password' | 'new-password';
  value: string;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  error: string | undefined;
  hint?: string;
  autoFocus?: boolean;
}) {
  return (
    <FormField label={label} hint={hint} error={error} required>
      <Input
        name={name}
        type="password"
        autoComplete={autoComplete}
        autoFocus={autoFocus}
        value={value}
        onChange={onChange}
      />
    </FormField>
  );
}

/**
 * A new password asked twice (`password` and `confirm`), as the first-run setup and a password change ask
 * it: the rule as the first field's hint, a slip of the finger caught by the second.
 */
export function NewPasswordFields({
  label,
  repeatLabel,
  password,
  confirm,
  errors,
  onChange,
}: {
  label: string;
  repeatLabel: string;
  password: string;
  confirm: string;
  errors: Record<string, string>;
  onChange: (field: 'password' | 'confirm') => (event: ChangeEvent<HTMLInputElement>) => void;
}) {
  return (
    <>
      <PasswordField
        label={label}
        name="password"
        autoComplete="new-password"
        hint={PASSWORD_HINT}
        error={errors.password}
        value={password}
        onChange={onChange('password')}
      />
      <PasswordField
        label={repeatLabel}
        name="confirm"
        autoComplete="new-password"
        error={errors.confirm}
        value={confirm}
        onChange={onChange('confirm')}
      />
    </>
  );
}
