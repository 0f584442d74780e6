import { z } from 'zod';
import { releaseStatusSchema, releaseTypeSchema } from '../enums.ts';
import { idSchema } from '../ids.ts';
import { FIELD_LIMITS } from '../limits.ts';
import { metadataSchema, timestampSchema } from './common.ts';

/** A calendar date `YYYY-MM-DD` (the target release date; no time of day, no zone). */
export const dateOnlySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * A release (FR-001). It lives in the catalog document so that lists never open the
 * release documents; its templates, participants and customer steps live in its own document.
 */
export const releaseSchema = z.object({
  id: idSchema('release'),
  name: z.string().min(1).max(FIELD_LIMITS.name),
  type: releaseTypeSchema,
  status: releaseStatusSchema,
  versionNumber: z.string().max(FIELD_LIMITS.versionNumber).nullable(),
  releaseDate: dateOnlySchema.nullable(),
  description: z.string().max(FIELD_LIMITS.releaseDescription),
  metadata: metadataSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  activatedAt: timestampSchema.nullable(),
  /** The status it had before it was archived, so un-archiving returns there. */
  archivedFrom: z.enum(['draft', 'active']).nullable(),
  clonedFrom: idSchema('release').nullable(),
});
export type Release = z.infer<typeof releaseSchema>;
