import { z } from 'zod';
import { releaseStatusSchema, releaseTypeSchema } from '../enums.ts';
import { idSchema } from '../ids.ts';
import { metadataSchema, timestampSchema } from './common.ts';

/** A calendar date `YYYY-MM-DD` (the target release date; no time of day, no zone). */
export const dateOnlySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * A release (functional-spec §3.2). It lives in the catalog document so that lists never open the
 * release documents; its templates, participants and customer steps live in its own document.
 */
export const releaseSchema = z.object({
  id: idSchema('release'),
  name: z.string().min(1).max(200),
  type: releaseTypeSchema,
  status: releaseStatusSchema,
  versionNumber: z.string().max(100).nullable(),
  releaseDate: dateOnlySchema.nullable(),
  description: z.string().max(20_000),
  metadata: metadataSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  activatedAt: timestampSchema.nullable(),
  /** The status it had before it was archived, so un-archiving returns there. */
  archivedFrom: z.enum(['draft', 'active']).nullable(),
  clonedFrom: idSchema('release').nullable(),
});
export type Release = z.infer<typeof releaseSchema>;
