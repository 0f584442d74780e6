import type { ApiErrorCode } from '@runsheet/protocol';

/**
 * Why an auth operation was refused, as short stable codes. Each has its HTTP status and sentence in the
 * API's error table (@runsheet/protocol), which the app shows too.
 */
export type AuthErrorCode = Extract<
  ApiErrorCode,
  | 'invalid-credentials'
  | 'account-disabled'
  | 'too-many-attempts'
  | 'server-busy'
  | 'username-taken'
  | 'already-set-up'
  | 'setup-code-required'
  | 'invalid-setup-code'
  | 'last-admin'
  | 'not-found'
>;

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
