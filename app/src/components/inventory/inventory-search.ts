/**
 * The inventory page's URL search params: clusters (one or more) and "behind only". Anything malformed
 * is dropped rather than refused, so an old or hand-edited link still opens the page.
 */
import { type ClusterId, isId } from '@runsheet/domain';
import { z } from 'zod';

export interface InventorySearch {
  clusters?: ClusterId[];
  behind?: true;
}

const schema = z.object({
  clusters: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => [...new Set(Array.isArray(v) ? v : [v])].filter((id) => isId(id, 'cluster')))
    .pipe(z.array(z.custom<ClusterId>()).min(1))
    .optional()
    .catch(undefined),
  behind: z
    .union([z.literal(true), z.literal('true'), z.literal(1)])
    .optional()
    .catch(undefined),
});

export function parseInventorySearch(raw: Record<string, unknown>): InventorySearch {
  const v = schema.parse(raw);
  return { clusters: v.clusters, behind: v.behind === undefined ? undefined : true };
}
