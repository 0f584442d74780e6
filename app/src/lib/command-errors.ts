/**
 * Turns a refused command into what a form shows: the message beside the field it names, or a
 * form-level message when it names none. Reason texts come from the domain's one table (reasons.ts).
 */
import type { CommandResult, DomainError } from '@runsheet/domain';

export interface FormErrors {
  /** field name -> message */
  fields: Record<string, string>;
  /** A message that belongs to no single field. */
  form: string | null;
}

export const noErrors: FormErrors = { fields: {}, form: null };

export function errorsOf(error: DomainError, knownFields: readonly string[]): FormErrors {
  if (error.field && knownFields.includes(error.field)) {
    return { fields: { [error.field]: error.message }, form: null };
  }
  return { fields: {}, form: error.message };
}

/** The errors of a result (none when it succeeded). */
export function resultErrors<T>(result: CommandResult<T>, knownFields: readonly string[]): FormErrors {
  return result.ok ? noErrors : errorsOf(result.error, knownFields);
}
