/**
 * Ids of the Temporal hierarchy (Release -> Wave -> Cluster -> Bundle -> App), `entity-type:id`. They come
 * from workflows, not from Runsheet, so their parts are a little more liberal than Runsheet's own. Here,
 * beside Runsheet's ids, because the document layout (packages/doc) and the REST API's contract
 * (packages/protocol) both check them and neither may depend on the other.
 */
export const TEMPORAL_ENTITY_TYPES = ['release', 'wave', 'cluster', 'bundle', 'app'] as const;
export type TemporalEntityType = (typeof TEMPORAL_ENTITY_TYPES)[number];

/** What follows `entity-type:` in a Temporal id. */
export const TEMPORAL_ID_PART = '[A-Za-z0-9._@~-]{1,200}';
const PART = new RegExp(`^${TEMPORAL_ID_PART}$`);

/** Why `value` is not a Temporal entity id (`entity-type:id`, optionally of `type`), or null when it is one. */
export function temporalIdProblem(value: string, type?: string): string | null {
  const colon = value.indexOf(':');
  if (colon <= 0) return `"${value.slice(0, 80)}" is not of the form entity-type:id`;
  const prefix = value.slice(0, colon);
  if (!(TEMPORAL_ENTITY_TYPES as readonly string[]).includes(prefix))
    return `unknown entity type "${prefix.slice(0, 40)}" (Temporal has ${TEMPORAL_ENTITY_TYPES.join(', ')})`;
  if (type !== undefined && prefix !== type) return `expected a ${type} id, got a ${prefix} id`;
  const part = value.slice(colon + 1);
  return PART.test(part) ? null : `"${part.slice(0, 80)}" is not a valid ${prefix} id part`;
}
