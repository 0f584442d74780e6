/**
 * Turns a failed API call into what a form shows: a message beside the field it concerns, or one for the
 * whole form. Codes, their sentences and the field each is about come from the shared error table
 * (@runsheet/protocol); a form may word a code its own way (a wrong *current* password).
 */
import { apiErrorInfo } from '@runsheet/protocol';
import { type FormErrors, noErrors } from '@/lib/command-errors';
import { ApiError, ServerUnreachable } from './api.ts';

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
  const own = mapping.codes?.[error.code];
  const serverField = own?.field ?? error.field ?? apiErrorInfo(error.code)?.field;
  const field = serverField === undefined ? undefined : (mapping.aliases?.[serverField] ?? serverField);
  // The server prefixes validation messages with the field ("password: use at least ..."); beside the
  // field that is redundant.
  const message = own?.message ?? error.message.replace(/^[\w.]+: /, '');
  if (field !== undefined && fields.includes(field))
    return { fields: { [field]: capitalize(message) }, form: null };
  return { ...noErrors, form: capitalize(message) };
}

/** Server messages for a field read "use at least 10 characters"; beside it, a sentence reads better. */
function capitalize(text: string): string {
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?…]$/.test(sentence) ? sentence : `${sentence}.`;
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
