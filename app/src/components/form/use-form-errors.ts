/**
 * The errors a catalog form shows: the domain's refusal beside the field it names (command-errors.ts),
 * metadata refusals beside their row (metadata-rows.ts), anything else at the top of the form.
 */
import type { DomainError } from '@runsheet/domain';
import { useState } from 'react';
import { errorsOf } from '@/lib/command-errors';
import { type MetadataRow, rowForField } from './metadata-rows';

export interface ShownErrors {
  fields: Record<string, string>;
  /** metadata row id -> message */
  rows: Record<string, string>;
  form: string | null;
}

const none: ShownErrors = { fields: {}, rows: {}, form: null };

export function useFormErrors(knownFields: readonly string[]) {
  const [errors, setErrors] = useState<ShownErrors>(none);
  return {
    errors,
    clear: () => setErrors(none),
    /** Shows a refusal beside the field (or metadata row) it names. */
    show: (error: DomainError, rows: readonly MetadataRow[] = []) => {
      const row = rowForField(rows, error.field);
      if (row) {
        setErrors({ fields: {}, rows: { [row.id]: error.message }, form: null });
        return;
      }
      const mapped = errorsOf(error, knownFields);
      setErrors({ fields: mapped.fields, rows: {}, form: mapped.form });
    },
    showRow: (rowId: string, message: string) =>
      setErrors({ fields: {}, rows: { [rowId]: message }, form: null }),
    /** Clears the message of one field once the user changes it. */
    clearField: (field: string) =>
      setErrors((e) => {
        if (!(field in e.fields)) return e;
        const { [field]: _gone, ...fields } = e.fields;
        return { ...e, fields };
      }),
  };
}
