/**
 * Ids as the API's path and query parameters take them. Each is a zod schema whose pattern the OpenAPI
 * document states and whose message, when it does not match, says exactly what is wrong.
 */
import {
  type IdType,
  idPatternSource,
  idProblem,
  TEMPORAL_ENTITY_TYPES,
  TEMPORAL_ID_PART,
  temporalIdProblem,
} from '@runsheet/domain';
import { z } from 'zod';

/** Longer input is refused before any other check, so a message never quotes a huge value. */
export const MAX_ID_LENGTH = 256;

function shown(value: string): string {
  return value.length > 80 ? `${value.slice(0, 80)}…` : value;
}

function text(input: unknown): string {
  return typeof input === 'string' ? input : '';
}

/** Runsheet's own entity types that the API addresses by id. */
export const RUNSHEET_ADDRESSABLE = ['release', 'cluster', 'customer', 'step'] as const;
/**
 * Those `/api/entities/{id}` answers. A step is not among them: one step id lives in every release its
 * customer and template take part in, so a step is read under its release
 * (`/api/releases/{releaseId}/steps/{stepId}`).
 */
export const RUNSHEET_ENTITIES = ['release', 'cluster', 'customer'] as const;
/** Types that exist only in Temporal's hierarchy (answered from the Temporal mirror). */
export const TEMPORAL_ONLY = ['wave', 'bundle', 'app'] as const;

/** A Runsheet id of `type`: `release:…`, `step:…`, `wave:…` (a wave under its release). */
export function runsheetIdSchema(type: (typeof RUNSHEET_ADDRESSABLE)[number] | 'wave') {
  return z.string().regex(new RegExp(idPatternSource(type)), {
    error: (issue) => {
      const value = text(issue.input);
      return value.length > MAX_ID_LENGTH
        ? 'the id is too long'
        : (idProblem(value, type) ?? `not a ${type} id`);
    },
  });
}

const temporalPattern = (types: readonly string[]) => `^(${types.join('|')}):${TEMPORAL_ID_PART}$`;

/** A Temporal entity id, of `type` when given. */
export function temporalIdSchema(type?: (typeof TEMPORAL_ENTITY_TYPES)[number]) {
  return z.string().regex(new RegExp(temporalPattern(type === undefined ? TEMPORAL_ENTITY_TYPES : [type])), {
    error: (issue) => {
      const value = text(issue.input);
      return value.length > MAX_ID_LENGTH
        ? `"${shown(value)}" is too long`
        : (temporalIdProblem(value, type) ?? `not a Temporal ${type ?? 'entity'} id`);
    },
  });
}

const ACCEPTED = [...RUNSHEET_ENTITIES, ...TEMPORAL_ONLY].map((t) => `${t}:`).join(', ');

/** Why `value` is not an id `/api/entities/{id}` answers, or null. */
export function entityIdProblem(value: string): string | null {
  if (value.length > MAX_ID_LENGTH) return 'the id is too long';
  const colon = value.indexOf(':');
  const type = colon > 0 ? value.slice(0, colon) : '';
  if ((TEMPORAL_ONLY as readonly string[]).includes(type)) return temporalIdProblem(value, type);
  if (type === 'step')
    return 'a step lives in a release: read it at /api/releases/{releaseId}/steps/{stepId}';
  if (!(RUNSHEET_ENTITIES as readonly string[]).includes(type)) {
    const problem =
      colon <= 0
        ? `"${shown(value)}" is not of the form type:id`
        : `ids of type "${type.slice(0, 40)}" are not addressable`;
    return `${problem}; use one of ${ACCEPTED}`;
  }
  return idProblem(value, type as IdType);
}

/** Any id `/api/entities/{id}` answers: Runsheet's release, cluster, customer; Temporal's wave, bundle, app. */
export const entityIdSchema = z
  .string()
  .regex(
    new RegExp(
      [
        ...RUNSHEET_ENTITIES.map((type) => `(${idPatternSource(type)})`),
        `(${temporalPattern(TEMPORAL_ONLY)})`,
      ].join('|'),
    ),
    { error: (issue) => entityIdProblem(text(issue.input)) ?? 'not an addressable id' },
  );
