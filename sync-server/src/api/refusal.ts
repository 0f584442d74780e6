import type { DomainError, ReasonCode } from '@runsheet/domain';

/**
 * A domain command refused (its reason code, e.g. `step-already-done`). The API answers with the code as
 * is, so programs see the same codes as the app; the HTTP status says what kind of refusal it is.
 */
export class CommandRefusedError extends Error {
  override name = 'CommandRefusedError';
  readonly code: ReasonCode;
  readonly field: string | undefined;
  readonly status: number;

  constructor(error: DomainError) {
    super(error.message);
    this.code = error.code;
    this.field = error.field;
    this.status = statusOfReason(error.code);
  }
}

/** 404 for what does not exist, 400 for input the caller must fix, 409 for a state that forbids it now. */
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
