/**
 * Turns a failed API call into what a form shows: a message beside the field it concerns, or one for the
 * whole form. The server's error codes are stable (sync-server/src/api/errors.ts); the words are the app's.
 */
import { type FormErrors, noErrors } from '@/lib/command-errors';
import { ApiError, ServerUnreachable } from './api.ts';

/** Which field a code belongs to when the server names none, and what to say there. */
const BY_CODE: Record<string, { field?: string; message: string }> = {
  'invalid-credentials': { field: 'password', message: 'Wrong username or password.' },
  'account-disabled': { field: 'username', message: 'This account is disabled. Ask an admin.' },
  'username-taken': { field: 'username', message: 'That username is taken.' },
  'weak-password': { field: 'password', message: 'Use at least 10 characters.' },
  'setup-code-required': { field: 'setupCode', message: 'Enter the setup code from the server log.' },
  'invalid-setup-code': { field: 'setupCode', message: 'That is not the code in the server log.' },
  'already-set-up': { message: 'Runsheet already has an admin. Sign in instead.' },
  'too-many-attempts': { message: 'Too many failed attempts. Wait a few minutes, then try again.' },
  'last-admin': { message: 'Runsheet needs at least one active admin.' },
  forbidden: { message: 'Your role does not allow this.' },
};

export const UNREACHABLE_MESSAGE =
  'The server cannot be reached. Nothing on this device is lost; try again when it is back.';

export interface ErrorMapping {
  /** A server field name -> the form's (the API says `newPassword` where a form says `password`). */
  aliases?: Record<string, string>;
  /** Per-form wording of a code, e.g. a wrong *current* password while changing it. */
  codes?: Record<string, { field?: string; message: string }>;
}

/** `fields` are the form's field names. */
export function apiErrors(error: unknown, fields: readonly string[], mapping: ErrorMapping = {}): FormErrors {
  if (error instanceof ServerUnreachable) return { fields: {}, form: UNREACHABLE_MESSAGE };
  if (!(error instanceof ApiError)) {
    return { fields: {}, form: error instanceof Error ? error.message : 'Something went wrong.' };
  }
  const known = mapping.codes?.[error.code] ?? BY_CODE[error.code];
  const serverField = mapping.codes?.[error.code]?.field ?? error.field ?? known?.field;
  const field = serverField === undefined ? undefined : (mapping.aliases?.[serverField] ?? serverField);
  // The server prefixes validation messages with the field ("password: use at least ..."); beside the
  // field that is redundant.
  const message = known?.message ?? error.message.replace(/^[\w.]+: /, '');
  if (field !== undefined && fields.includes(field))
    return { fields: { [field]: capitalize(message) }, form: null };
  return { ...noErrors, form: capitalize(message) };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Empty required fields, as errors beside them. */
export function requiredErrors(values: Record<string, string>, labels: Record<string, string>): FormErrors {
  const fields: Record<string, string> = {};
  for (const [name, label] of Object.entries(labels)) {
    if ((values[name] ?? '').trim() === '') fields[name] = `Enter ${label}.`;
  }
  return { fields, form: null };
}

export function hasErrors(errors: FormErrors): boolean {
  return errors.form !== null || Object.keys(errors.fields).length > 0;
}
