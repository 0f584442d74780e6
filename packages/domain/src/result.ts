import type { Change } from './change.ts';
import type { ReasonCode } from './reasons.ts';

/** Why a command refused: a stable code, the field the user should fix (if any), and a message. */
export interface DomainError {
  code: ReasonCode;
  message: string;
  field?: string;
  details?: Record<string, string | number>;
}

export type CommandResult<T = undefined> =
  | { ok: true; change: Change; value: T }
  | { ok: false; error: DomainError };

export function ok<T = undefined>(change: Change, value?: T): CommandResult<T> {
  return { ok: true, change, value: value as T };
}

export function fail(
  code: ReasonCode,
  message: string,
  field?: string,
  details?: Record<string, string | number>,
): { ok: false; error: DomainError } {
  const error: DomainError = { code, message };
  if (field !== undefined) error.field = field;
  if (details !== undefined) error.details = details;
  return { ok: false, error };
}
