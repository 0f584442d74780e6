/**
 * Shared behaviour of the sign-in, setup and settings forms: submit once at a time, show errors beside the
 * fields (or for the form), and move focus to the first field that needs attention so keyboard and screen
 * reader users land where the problem is.
 */
import { type FormEvent, useRef, useState } from 'react';
import { useFocusFirstError } from '@/components/form/use-focus-first-error';
import { type FormErrors, noErrors } from '@/lib/command-errors';
import { apiErrors, type ErrorMapping, hasErrors } from '@/sync/api-errors';

export interface ApiForm {
  errors: FormErrors;
  busy: boolean;
  formRef: React.RefObject<HTMLFormElement | null>;
  /** Wraps a submit handler: `validate` first (client-side), then `submit`; API errors land on fields. */
  onSubmit(
    validate: () => FormErrors,
    submit: () => Promise<void>,
    mapping?: ErrorMapping,
  ): (event: FormEvent<HTMLFormElement>) => void;
}

export function useApiForm(fields: readonly string[]): ApiForm {
  const [errors, setErrorsState] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement | null>(null);

  // Each refusal moves focus to the first invalid field, or the form's alert.
  const [attempt, setAttempt] = useState(0);
  useFocusFirstError(formRef, attempt);
  const setErrors = (next: FormErrors) => {
    setErrorsState(next);
    if (hasErrors(next)) setAttempt((n) => n + 1);
  };

  const onSubmit: ApiForm['onSubmit'] = (validate, submit, mapping) => (event) => {
    event.preventDefault();
    if (busy) return;
    const invalid = validate();
    setErrors(invalid);
    if (hasErrors(invalid)) return;
    setBusy(true);
    submit()
      .catch((error: unknown) => setErrors(apiErrors(error, fields, mapping)))
      .finally(() => setBusy(false));
  };

  return { errors, busy, formRef, onSubmit };
}
