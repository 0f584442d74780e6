import { z } from 'zod';
import { idSchema } from '../ids.ts';
import { FIELD_LIMITS } from '../limits.ts';
import { metadataSchema, timestampSchema } from './common.ts';

/** A tenant deployed in one namespace of one cluster (FM-001). Archived, never deleted. */
export const customerSchema = z.object({
  id: idSchema('customer'),
  clusterId: idSchema('cluster'),
  namespace: z.string().min(1).max(FIELD_LIMITS.namespace),
  name: z.string().min(1).max(FIELD_LIMITS.name),
  description: z.string().max(FIELD_LIMITS.description),
  isActive: z.boolean(),
  metadata: metadataSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Customer = z.infer<typeof customerSchema>;
