import type { AuthErrorCode } from '../auth/errors.ts';

/** Every error code the JSON API returns: stable strings that programs (the app) switch on. */
export type ApiErrorCode =
  | AuthErrorCode
  | 'invalid-json'
  | 'invalid-body'
  | 'weak-password'
  | 'unsupported-media-type'
  | 'body-too-large'
  | 'unauthenticated'
  | 'session-expired'
  | 'setup-required'
  | 'forbidden'
  | 'cross-origin'
  | 'method-not-allowed'
  | 'not-a-session'
  | 'invalid-id'
  | 'invalid-query'
  | 'invalid-cursor'
  | 'ambiguous-entity'
  | 'temporal-not-configured'
  | 'internal';

/** The one place that gives each code its HTTP status and default sentence. */
export const API_ERRORS: Record<ApiErrorCode, { status: number; message: string }> = {
  'invalid-json': { status: 400, message: 'The request body is not valid JSON.' },
  'invalid-body': { status: 400, message: 'The request body does not have the expected fields.' },
  'weak-password': { status: 400, message: 'Passwords need at least 10 characters.' },
  'not-a-session': { status: 400, message: 'Only a browser sign-in can be renewed.' },
  'invalid-id': { status: 400, message: 'That is not a valid id of the form type:id.' },
  'invalid-query': { status: 400, message: 'A query parameter is not valid.' },
  'invalid-cursor': {
    status: 400,
    message: 'The cursor is not one this server gave out. Start again without it.',
  },
  unauthenticated: { status: 401, message: 'Sign in first.' },
  'session-expired': { status: 401, message: 'Your sign-in has expired. Sign in again.' },
  'setup-required': { status: 401, message: 'No account exists yet. Create the first admin.' },
  'invalid-credentials': { status: 401, message: 'Wrong username or password.' },
  'account-disabled': { status: 403, message: 'This account is disabled. Ask an admin.' },
  forbidden: { status: 403, message: 'Your role does not allow this.' },
  'cross-origin': { status: 403, message: 'Requests from another site are not accepted.' },
  'setup-code-required': {
    status: 403,
    message: 'From another machine, enter the setup code printed in the server log.',
  },
  'invalid-setup-code': { status: 403, message: 'That setup code is not the one in the server log.' },
  'not-found': { status: 404, message: 'Not found.' },
  'method-not-allowed': { status: 405, message: 'This method is not allowed here.' },
  'username-taken': { status: 409, message: 'That username is taken.' },
  'already-set-up': { status: 409, message: 'Runsheet already has an admin. Sign in instead.' },
  'last-admin': { status: 409, message: 'Runsheet needs at least one active admin.' },
  'ambiguous-entity': {
    status: 409,
    message: 'That id exists in more than one Temporal release; add ?release=release:… to choose.',
  },
  'body-too-large': { status: 413, message: 'The request body is too large.' },
  'unsupported-media-type': { status: 415, message: 'Send JSON with Content-Type: application/json.' },
  'too-many-attempts': { status: 429, message: 'Too many failed attempts. Wait a while and try again.' },
  internal: { status: 500, message: 'Something went wrong on the server.' },
  'temporal-not-configured': {
    status: 503,
    message: 'This server does not read Temporal: start it with TEMPORAL_ADDRESS set.',
  },
};

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    options: {
      field?: string | undefined;
      message?: string | undefined;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(options.message ?? API_ERRORS[code].message);
    this.field = options.field;
    this.headers = options.headers ?? {};
  }
  readonly field: string | undefined;
  readonly headers: Record<string, string>;
}
