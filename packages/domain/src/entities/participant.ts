import { z } from 'zod';
import { idSchema } from '../ids.ts';
import { timestampSchema } from './common.ts';

/**
 * A customer taking part in a release. Activation writes one of these per chosen customer instead of
 * one row per (customer, template): every template step of a participant exists by construction.
 */
export const participantSchema = z.object({
  customerId: idSchema('customer'),
  addedAt: timestampSchema,
  addedBy: z.string(),
});
export type Participant = z.infer<typeof participantSchema>;
