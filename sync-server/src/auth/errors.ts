/**
 * Why an auth operation was refused, as short stable codes. The API maps each to an HTTP status and a
 * sentence in one table (`api/errors.ts`); the app maps them to its own words.
 */
export type AuthErrorCode =
  | 'invalid-credentials'
  | 'account-disabled'
  | 'too-many-attempts'
  | 'username-taken'
  | 'already-set-up'
  | 'setup-code-required'
  | 'invalid-setup-code'
  | 'last-admin'
  | 'not-found';

export class AuthError extends Error {
  override name = 'AuthError';
  constructor(
    readonly code: AuthErrorCode,
    /** For `too-many-attempts`: when trying again makes sense. */
    readonly retryAfterMs?: number,
  ) {
    super(code);
  }
}
