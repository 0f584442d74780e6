import type { ReasonCode } from '@runsheet/domain';
import { PASSWORD_MIN_LENGTH } from './password.ts';

interface ErrorInfo {
  status: number;
  /** The sentence for people, sent with the code unless the server has a more exact one. */
  message: string;
  /** The request field the code is about when the answer names none (a form shows the message there). */
  field?: string;
}

/**
 * Every error code the JSON API answers besides the domain's reason codes, with its HTTP status and its
 * sentence. Codes are stable strings programs switch on; the server sends the sentence and the app shows
 * it, so both say the same thing.
 */
export const API_ERRORS = {
  'invalid-json': { status: 400, message: 'The request body is not valid JSON.' },
  'invalid-body': { status: 400, message: 'The request body does not have the expected fields.' },
  'weak-password': {
    status: 400,
    message: `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
    field: 'password',
  },
  'invalid-id': { status: 400, message: 'That is not a valid id of the form type:id.' },
  'invalid-query': { status: 400, message: 'A query parameter is not valid.' },
  'invalid-cursor': {
    status: 400,
    message: 'The cursor is not one this server gave out. Start again without it.',
    field: 'cursor',
  },
  unauthenticated: { status: 401, message: 'Sign in first.' },
  'session-expired': { status: 401, message: 'Your sign-in has expired. Sign in again.' },
  'setup-required': { status: 401, message: 'No account exists yet. Create the first admin.' },
  'invalid-credentials': { status: 401, message: 'Wrong username or password.', field: 'password' },
  'account-disabled': {
    status: 403,
    message: 'This account is disabled. Ask an admin.',
    field: 'username',
  },
  forbidden: { status: 403, message: 'Your role does not allow this.' },
  // The request is well formed; the credential it carries (an API token) may not do this.
  'not-a-session': { status: 403, message: 'Only a browser sign-in can be renewed.' },
  'cross-origin': { status: 403, message: 'Requests from another site are not accepted.' },
  'setup-code-required': {
    status: 403,
    message: 'From another machine, enter the setup code printed in the server log.',
    field: 'setupCode',
  },
  'invalid-setup-code': {
    status: 403,
    message: 'That setup code is not the one in the server log.',
    field: 'setupCode',
  },
  'not-found': { status: 404, message: 'Not found.' },
  // FZ-07: the release exists but the relay keeps no snapshot of it (not archived, or not frozen yet).
  'not-frozen': {
    status: 404,
    message: 'This release has no frozen snapshot: it is not archived, or it is being frozen.',
  },
  'method-not-allowed': { status: 405, message: 'This method is not allowed here.' },
  'username-taken': { status: 409, message: 'That username is taken.', field: 'username' },
  'already-set-up': { status: 409, message: 'Runsheet already has an admin. Sign in instead.' },
  'last-admin': { status: 409, message: 'Runsheet needs at least one active admin.' },
  'ambiguous-entity': {
    status: 409,
    message: 'That id exists in more than one Temporal release; add ?release=release:… to choose.',
  },
  'body-too-large': { status: 413, message: 'The request body is too large.' },
  'unsupported-media-type': { status: 415, message: 'Send JSON with Content-Type: application/json.' },
  'too-many-attempts': {
    status: 429,
    message: 'Too many failed attempts. Wait a few minutes, then try again.',
  },
  'server-busy': {
    status: 503,
    message: 'The server is busy checking other sign-ins. Try again in a few seconds.',
  },
  // A server that does not read Temporal has no Temporal resources: nothing failed, so not a 5xx.
  'temporal-not-configured': {
    status: 404,
    message: 'This server does not read Temporal: start it with TEMPORAL_ADDRESS set.',
  },
  internal: { status: 500, message: 'Something went wrong on the server.' },
} as const satisfies Record<string, ErrorInfo>;

export type ApiErrorCode = keyof typeof API_ERRORS;
/** Any code an error answer carries: the API's own, or a domain command's refusal (`step-already-done`). */
export type ErrorCode = ApiErrorCode | ReasonCode;

export function isApiErrorCode(code: string): code is ApiErrorCode {
  return Object.hasOwn(API_ERRORS, code);
}

/** What the table says about `code`, or undefined for a code it does not list (a domain reason). */
export function apiErrorInfo(code: string): ErrorInfo | undefined {
  return isApiErrorCode(code) ? API_ERRORS[code] : undefined;
}

/**
 * The status of a refused domain command: 404 for what does not exist, 400 for input the caller must fix,
 * 409 for a state that forbids it now.
 */
export function statusOfReason(code: ReasonCode): number {
  if (code.endsWith('-not-found')) return 404;
  if (
    code === 'invalid-input' ||
    code.endsWith('-needs-reason') ||
    code.endsWith('-too-long') ||
    code.endsWith('-required') ||
    code.endsWith('-invalid')
  )
    return 400;
  return 409;
}

/** The HTTP status of any error code. */
export function statusOfCode(code: ErrorCode): number {
  return isApiErrorCode(code) ? API_ERRORS[code].status : statusOfReason(code);
}
