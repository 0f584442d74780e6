import { z } from 'zod';
import { idSchema } from '../ids.ts';
import { metadataSchema, timestampSchema } from './common.ts';

/** A tenant deployed in one namespace of one cluster (functional-spec §3.2). Archived, never deleted. */
export const customerSchema = z.object({
  id: idSchema('customer'),
  clusterId: idSchema('cluster'),
  namespace: z.string().min(1).max(63),
  name: z.string().min(1).max(200),
  description: z.string().max(10_000),
  isActive: z.boolean(),
  metadata: metadataSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Customer = z.infer<typeof customerSchema>;
