import { z } from 'zod';

/**
 * The password rule, in one place: the server refuses shorter passwords, every form checks it before
 * sending and says it in its hint, and the first admin from the environment must follow it too.
 */
export const PASSWORD_MIN_LENGTH = 10;
/** Bounds the work one sign-in can cause (the hash runs over the whole password); nobody types more. */
export const PASSWORD_MAX_LENGTH = 1024;

/** The hint beside a new-password field. */
export const PASSWORD_HINT = `At least ${PASSWORD_MIN_LENGTH} characters.`;
/** What a form says beside a new password that is too short. */
export const PASSWORD_TOO_SHORT = `Use at least ${PASSWORD_MIN_LENGTH} characters.`;

/** Why a new password would be refused, in the words a form shows, or null when it is fine. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return PASSWORD_TOO_SHORT;
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  return null;
}

const NEW_PASSWORD_TOO_SHORT = `use at least ${PASSWORD_MIN_LENGTH} characters`;

/** A new password in a request body. */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { error: NEW_PASSWORD_TOO_SHORT })
  .max(PASSWORD_MAX_LENGTH, { error: `use at most ${PASSWORD_MAX_LENGTH} characters` });

/**
 * Whether a body's validation issue is a new password below the rule (answered `weak-password`, which a
 * form shows beside that field), as opposed to any other bad field, a short sign-in password included.
 */
export function isWeakPasswordIssue(issue: { code: string; message: string }): boolean {
  return issue.code === 'too_small' && issue.message === NEW_PASSWORD_TOO_SHORT;
}

/** A password being checked (sign-in, the current password): any non-empty text up to the bound. */
export const givenPasswordSchema = z.string().min(1).max(PASSWORD_MAX_LENGTH);
