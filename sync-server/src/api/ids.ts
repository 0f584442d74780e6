import { temporalIdProblem } from '@runsheet/doc';
import { idProblem } from '@runsheet/domain';
import { ApiError } from './errors.ts';

/** The id types of Runsheet's own entities that the API addresses. */
export const RUNSHEET_ADDRESSABLE = ['release', 'cluster', 'customer', 'step'] as const;
/** Types that exist only in Temporal's hierarchy: `/api/entities/` answers them from the Temporal mirror. */
export const TEMPORAL_ONLY = ['wave', 'bundle', 'app'] as const;

const MAX_ID_LENGTH = 256;

function shown(value: string): string {
  return value.length > 80 ? `${value.slice(0, 80)}…` : value;
}

/** A Runsheet id of `type` from a path or query, or 400 `invalid-id` saying what is wrong. */
export function requireRunsheetId(
  value: string,
  type: 'release' | 'step' | 'cluster' | 'customer',
  field: string,
): string {
  const problem = value.length > MAX_ID_LENGTH ? 'the id is too long' : idProblem(value, type);
  if (problem !== null) throw new ApiError('invalid-id', { field, message: `${field}: ${problem}` });
  return value;
}

export function requireTemporalId(value: string, field: string, type?: string): string {
  const problem =
    value.length > MAX_ID_LENGTH ? `"${shown(value)}" is too long` : temporalIdProblem(value, type);
  if (problem !== null) throw new ApiError('invalid-id', { field, message: `${field}: ${problem}` });
  return value;
}
