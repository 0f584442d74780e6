import type { Change } from './change.ts';
import { type ReasonCode, reasonText } from './reasons.ts';

/** Why a command refused: a stable code, the field the user should fix (if any), and a message. */
export interface DomainError {
  code: ReasonCode;
  message: string;
  field?: string;
  details?: Record<string, string | number>;
}

/** A refusal. Guards return it so a command can pass it straight on: `if (!r.ok) return r;`. */
export type Failure = { ok: false; error: DomainError };

export type CommandResult<T = undefined> = { ok: true; change: Change; value: T } | Failure;

export function ok<T = undefined>(change: Change, value?: T): CommandResult<T> {
  return { ok: true, change, value: value as T };
}

export function fail(
  code: ReasonCode,
  message: string,
  field?: string,
  details?: Record<string, string | number>,
): Failure {
  const error: DomainError = { code, message };
  if (field !== undefined) error.field = field;
  if (details !== undefined) error.details = details;
  return { ok: false, error };
}

/** A refusal with the standard human text of its reason code (reasons.ts). */
export function refuse(code: ReasonCode, field?: string, details?: Record<string, string | number>): Failure {
  return fail(code, reasonText(code), field, details);
}
