/**
 * Shared behaviour of the sign-in, setup and settings forms: submit once at a time, show errors beside the
 * fields (or for the form), and move focus to the first field that needs attention so keyboard and screen
 * reader users land where the problem is.
 */
import { type FormEvent, useCallback, useRef, useState } from 'react';
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
  setErrors(errors: FormErrors): void;
}

export function useApiForm(fields: readonly string[]): ApiForm {
  const [errors, setErrorsState] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement | null>(null);

  const setErrors = useCallback(
    (next: FormErrors) => {
      setErrorsState(next);
      const first = fields.find((f) => next.fields[f] !== undefined);
      // After React has rendered aria-invalid on the field.
      if (first)
        requestAnimationFrame(() =>
          formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus(),
        );
    },
    [fields],
  );

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

  return { errors, busy, formRef, onSubmit, setErrors };
}
