/**
 * The release list's URL search params, parsed with zod at the route boundary. A value that is not a
 * status or type (an old or hand-typed link) is dropped rather than breaking the page.
 */
import { releaseStatusSchema, releaseTypeSchema } from '@runsheet/domain';
import { z } from 'zod';

export const releaseSearchSchema = z.object({
  status: releaseStatusSchema.optional().catch(undefined),
  type: releaseTypeSchema.optional().catch(undefined),
});

export type ReleaseSearch = z.infer<typeof releaseSearchSchema>;
