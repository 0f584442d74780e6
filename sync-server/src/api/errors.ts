import { API_ERRORS, type ApiErrorCode } from '@runsheet/protocol';

export { API_ERRORS, type ApiErrorCode };

/** An error answer of the API: a code from the shared table, maybe a more exact sentence and the field. */
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
