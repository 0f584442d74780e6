/**
 * The customers list's URL search params, parsed with zod (the route's validateSearch): filter text,
 * clusters (one or more), sort and direction, archived shown. Anything malformed is dropped rather than
 * refused, so an old or hand-edited link still opens the list. Defaults are left out of the URL.
 */
import { type ClusterId, isId } from '@runsheet/domain';
import { z } from 'zod';
import {
  CUSTOMER_SORTS,
  type CustomerSort,
  SORT_DIRECTIONS,
  type SortDirection,
} from './customer-list-model';

export interface CustomersSearch {
  /** Filter text (name or namespace); also what the dashboard's "Find a customer" sends. */
  q?: string;
  /** Only these clusters (FM-006); absent means all. */
  clusters?: ClusterId[];
  /** Default: cluster (grouped, BR-C03). */
  sort?: Exclude<CustomerSort, 'cluster'>;
  /** Default: asc. */
  dir?: Exclude<SortDirection, 'asc'>;
  /** Show archived customers too. */
  archived?: true;
}

const text = z
  .string()
  .transform((v) => v.trim())
  .pipe(z.string().min(1).max(200));
// One id arrives as a plain string when a link was typed by hand; many as a JSON array.
const clusterIds = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => [...new Set(Array.isArray(v) ? v : [v])].filter((id) => isId(id, 'cluster')))
  .pipe(z.array(z.custom<ClusterId>()).min(1));

const schema = z.object({
  q: text.optional().catch(undefined),
  clusters: clusterIds.optional().catch(undefined),
  sort: z.enum(CUSTOMER_SORTS).optional().catch(undefined),
  dir: z.enum(SORT_DIRECTIONS).optional().catch(undefined),
  archived: z
    .union([z.literal(true), z.literal('true'), z.literal(1)])
    .optional()
    .catch(undefined),
});

/**
 * Every key is returned, undefined when absent or malformed: the router lays a route's search over the
 * raw parameters, so a key left out would let a malformed raw value through. Undefined keys are left
 * out of the URL.
 */
export function parseCustomersSearch(raw: Record<string, unknown>): CustomersSearch {
  const v = schema.parse(raw);
  return {
    q: v.q || undefined,
    clusters: v.clusters,
    sort: v.sort && v.sort !== 'cluster' ? v.sort : undefined,
    dir: v.dir === 'desc' ? v.dir : undefined,
    archived: v.archived !== undefined ? true : undefined,
  };
}
