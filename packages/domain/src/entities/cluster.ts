import { z } from 'zod';
import { idSchema } from '../ids.ts';
import { metadataSchema, timestampSchema } from './common.ts';

/** A Kubernetes cluster that hosts customers (functional-spec §3.2). Archived, never deleted. */
export const clusterSchema = z.object({
  id: idSchema('cluster'),
  name: z.string().min(1).max(100),
  kubeconfigPath: z.string().max(1024).nullable(),
  description: z.string().max(10_000),
  isActive: z.boolean(),
  metadata: metadataSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Cluster = z.infer<typeof clusterSchema>;
