import { type RefObject, useEffect } from 'react';

/**
 * After a refused save, moves focus to the first control marked invalid (or the form's alert), so a
 * keyboard or screen-reader user lands on the reason instead of hunting for it.
 */
export function useFocusFirstError(form: RefObject<HTMLFormElement | null>, attempt: number): void {
  useEffect(() => {
    if (attempt === 0) return;
    const target =
      form.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form.current?.querySelector<HTMLElement>('[role="alert"]');
    if (target && target.getAttribute('role') === 'alert') target.tabIndex = -1;
    target?.focus();
  }, [form, attempt]);
}
