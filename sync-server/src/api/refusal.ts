import type { DomainError, ReasonCode } from '@runsheet/domain';
import { statusOfReason } from '@runsheet/protocol';

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
