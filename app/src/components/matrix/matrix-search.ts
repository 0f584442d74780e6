/**
 * The matrix's URL search parameters: tab, cluster filter, status filter and the open step. Parsed with
 * zod at the route boundary; anything malformed falls back to the default instead of breaking the page,
 * so an old bookmark or a hand-edited link still opens the release.
 */
import { idSchema } from '@runsheet/domain';
import { z } from 'zod';

export const STATUS_FILTERS = ['all', 'pending', 'done', 'skipped', 'reverted'] as const;

// No defaults in the schema: the router writes a route's parsed search back into the URL, and a clean
// URL for the default view keeps links short and the release's "Overview" tab current.
export const matrixSearchSchema = z.object({
  tab: z.enum(['deploy', 'verify']).optional().catch(undefined),
  cluster: idSchema('cluster').optional().catch(undefined),
  status: z.enum(STATUS_FILTERS).optional().catch(undefined),
  /** The step open in the side panel. */
  step: idSchema('step').optional().catch(undefined),
});

export type MatrixSearch = z.output<typeof matrixSearchSchema>;

/** The search with its defaults filled in: the deploy tab, every status. */
export function matrixView(search: MatrixSearch) {
  return { ...search, tab: search.tab ?? 'deploy', status: search.status ?? 'all' } as const;
}

/** Search of the pages that only open a step panel (customer view, step across customers). */
export const stepSearchSchema = z.object({
  step: idSchema('step').optional().catch(undefined),
});
