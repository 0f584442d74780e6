import { TEMPORAL_ENTITY_TYPES } from './types.ts';

/** Temporal ids come from workflows: a little more liberal than Runsheet's own random parts. */
const TEMPORAL_PART = /^[A-Za-z0-9._@~-]{1,200}$/;

/** Why `value` is not a Temporal entity id (`entity-type:id`, optionally of `type`), or null when it is one. */
export function temporalIdProblem(value: string, type?: string): string | null {
  const colon = value.indexOf(':');
  if (colon <= 0) return `"${value.slice(0, 80)}" is not of the form entity-type:id`;
  const prefix = value.slice(0, colon);
  if (!(TEMPORAL_ENTITY_TYPES as readonly string[]).includes(prefix))
    return `unknown entity type "${prefix.slice(0, 40)}" (Temporal has ${TEMPORAL_ENTITY_TYPES.join(', ')})`;
  if (type !== undefined && prefix !== type) return `expected a ${type} id, got a ${prefix} id`;
  const part = value.slice(colon + 1);
  return TEMPORAL_PART.test(part) ? null : `"${part.slice(0, 80)}" is not a valid ${prefix} id part`;
}
