import { passwordProblem } from '@runsheet/protocol';
import type { FormErrors } from '@/lib/command-errors';

/**
 * Adds to `errors` why the new password in the field `password` would be refused (the rule the server
 * applies) and, for forms that ask for it twice, that the repetition in `confirm` differs. A field already
 * refused (left empty) keeps that reason.
 */
export function checkNewPassword(errors: FormErrors, password: string, confirm?: string): FormErrors {
  if (errors.fields.password) return errors;
  const weak = passwordProblem(password);
  if (weak !== null) errors.fields.password = weak;
  else if (confirm !== undefined && confirm !== password) errors.fields.confirm = 'The two passwords differ.';
  return errors;
}
