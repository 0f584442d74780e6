/**
 * A password in its labelled field, as every sign-in, setup and account form shows it. `autoComplete`
 * tells password managers what the field holds: `current-password` to fill in a saved one,
 * `new-password` to offer a new one and save it.
 */
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
