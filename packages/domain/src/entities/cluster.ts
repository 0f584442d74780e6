import { z } from 'zod';
import { idSchema } from '../ids.ts';
import { FIELD_LIMITS } from '../limits.ts';
import { metadataSchema, timestampSchema } from './common.ts';

/** A Kubernetes cluster that hosts customers (FC-001). Archived, never deleted. */
export const clusterSchema = z.object({
  id: idSchema('cluster'),
  name: z.string().min(1).max(FIELD_LIMITS.clusterName),
  kubeconfigPath: z.string().max(FIELD_LIMITS.kubeconfigPath).nullable(),
  description: z.string().max(FIELD_LIMITS.description),
  isActive: z.boolean(),
  metadata: metadataSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Cluster = z.infer<typeof clusterSchema>;
