/**
 * Typed ids in the `type:random` form (the `entity-type:id` form the Temporal workflows use
 * too). They are generated on the device, so two devices never collide; names shown to people live in
 * separate fields.
 *
 * A customer step that comes from a template has no random part of its own: it is the pair
 * (customer, template), so every device derives the same id for it (`step:<customer>.<template>`).
 * Custom steps get a random id like any other entity.
 */
import { z } from 'zod';

export const ID_TYPES = [
  'cluster',
  'customer',
  'release',
  'template',
  'step',
  'event',
  'rev',
  'wave',
] as const;
export type IdType = (typeof ID_TYPES)[number];

export type Id<T extends IdType> = `${T}:${string}` & { readonly __brand?: T };
export type ClusterId = Id<'cluster'>;
export type CustomerId = Id<'customer'>;
export type ReleaseId = Id<'release'>;
export type TemplateId = Id<'template'>;
export type StepId = Id<'step'>;
export type EventId = Id<'event'>;
/** A content revision of a release document (entities/content-revision.ts). */
export type RevId = Id<'rev'>;
/** A wave of a release's rollout (entities/wave.ts). */
export type WaveId = Id<'wave'>;

/** What follows `type:` in a generated id; a template step's id joins two of them with a dot. */
const PART = '[A-Za-z0-9_-]{1,64}';
const RANDOM_PART = new RegExp(`^${PART}$`);
const STEP_PAIR = new RegExp(`^${PART}\\.${PART}$`);

/**
 * The whole id of `type` as a regular expression source, the same rule as `idProblem`: the REST API's
 * document states it as the `pattern` of its id parameters.
 */
export function idPatternSource(type: IdType): string {
  return type === 'step' ? `^step:${PART}(\\.${PART})?$` : `^${type}:${PART}$`;
}

/** Why a string is not an id of the wanted type, or null when it is one. */
export function idProblem(value: string, type?: IdType): string | null {
  const colon = value.indexOf(':');
  if (colon <= 0) return `"${value}" is not of the form type:id`;
  const prefix = value.slice(0, colon);
  const rest = value.slice(colon + 1);
  if (!(ID_TYPES as readonly string[]).includes(prefix)) return `unknown id type "${prefix}"`;
  if (type && prefix !== type) return `expected a ${type} id, got a ${prefix} id`;
  const ok = prefix === 'step' ? RANDOM_PART.test(rest) || STEP_PAIR.test(rest) : RANDOM_PART.test(rest);
  return ok ? null : `"${rest}" is not a valid ${prefix} id part`;
}

export function isId<T extends IdType>(value: unknown, type: T): value is Id<T> {
  return typeof value === 'string' && idProblem(value, type) === null;
}

export function idSchema<T extends IdType>(type: T) {
  return z
    .string()
    .refine((v) => idProblem(v, type) === null, { message: `not a ${type} id` }) as unknown as z.ZodType<
    Id<T>
  >;
}

/** The random part of an id (what follows `type:`). */
export function idPart(id: string): string {
  return id.slice(id.indexOf(':') + 1);
}

/** The id of the step that template `templateId` makes for customer `customerId`. */
export function templateStepId(customerId: CustomerId, templateId: TemplateId): StepId {
  return `step:${idPart(customerId)}.${idPart(templateId)}` as StepId;
}

/** The (customer, template) pair behind a template step id, or null for a custom step id. */
export function parseTemplateStepId(
  stepId: StepId,
): { customerId: CustomerId; templateId: TemplateId } | null {
  const part = idPart(stepId);
  const dot = part.indexOf('.');
  if (dot < 0) return null;
  return {
    customerId: `customer:${part.slice(0, dot)}` as CustomerId,
    templateId: `template:${part.slice(dot + 1)}` as TemplateId,
  };
}

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A random id part from 16 random bytes (about 95 bits of entropy). `bytes` comes from the caller. */
export function randomPart(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += ALPHABET[b % 62];
  return out;
}
