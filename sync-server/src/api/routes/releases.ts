import type { Customer, CustomerId, Release, ReleaseId } from '@runsheet/domain';
import { releaseProgress, resolveCustomerSteps } from '@runsheet/domain';
import { FIELD_LIMITS, MAX_ID_LENGTH, operations } from '@runsheet/protocol';
import { compareKeys, keyText, pageOf } from '../cursor.ts';
import type { ApiDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { JsonCache } from '../json-cache.ts';
import { route } from '../router.ts';

const ops = operations.runsheet;

import { clusterView, customerView, progressView, releaseView, stepSummaryView } from '../views/runsheet.ts';

/** Newest first (a negated time sorts ascending); the id breaks ties so the order is total. */
const releaseKey = (r: Release): [number, string] => [
  -(Date.parse(r.createdAt) || 0),
  keyText(r.id, MAX_ID_LENGTH),
];

/**
 * The release of a `release:` id already checked by the operation's parameter schema, from the catalog
 * (loaded first when it is not yet).
 */
export async function findRelease(deps: ApiDeps, value: string): Promise<Release> {
  const id = value as ReleaseId;
  await deps.workspace.ready();
  const release = deps.workspace.state.catalog.releases[id];
  if (release === undefined) throw new ApiError('not-found', { message: `No release "${id}".` });
  return release;
}

/** Tracked (Runsheet) releases: the list, and one release with its customers and steps. */
export function releaseRoutes(deps: ApiDeps) {
  /** Pages of the list, as sent, per version of the catalog. */
  const listCache = new JsonCache();
  return [
    /** GET /api/releases?limit=&cursor=&status= : newest first, cursor-paginated. */
    route(
      ops.releases,
      async (ctx) => {
        const { limit, status, cursor } = ctx.queryValues;
        await deps.workspace.ready();
        const { releases } = deps.workspace.state.catalog;
        // The answer depends on the catalog and these three parameters only (the cache bounds its size,
        // whatever cursors clients send).
        const key = JSON.stringify([limit, status, cursor]);
        const body = listCache.get(deps.workspace, deps.workspace.catalogVersion, key, () => {
          const all = Object.values(releases)
            .filter((r) => status === undefined || r.status === status)
            .sort((a, b) => compareKeys(releaseKey(a), releaseKey(b)));
          const page = pageOf(all, releaseKey, cursor ?? null, limit);
          return JSON.stringify({ items: page.items.map(releaseView), nextCursor: page.nextCursor });
        });
        ctx.jsonText(200, body);
      },
      { action: 'api.read', entity: () => 'releases' },
    ),

    /**
     * GET /api/releases/:releaseId?limit=&cursor= : the release, its progress, and a page of its customers
     * grouped by cluster, each with every step and its status. Customers are the paginated children.
     */
    route(
      ops.release,
      async (ctx) => {
        const release = await findRelease(deps, ctx.params.releaseId);
        const { limit, cursor } = ctx.queryValues;
        await deps.workspace.openRelease(release.id);
        const state = deps.workspace.state;
        const doc = state.releases[release.id];
        const { clusters, customers } = state.catalog;
        const participants = Object.keys(doc?.participants ?? {}) as CustomerId[];
        const entries = participants.map((id) => {
          const customer = customers[id];
          const cluster = customer ? clusters[customer.clusterId] : undefined;
          return { id, customer, clusterId: customer?.clusterId ?? null, clusterName: cluster?.name ?? '' };
        });
        const keyOf = (e: (typeof entries)[number]): [string, string, string] => [
          keyText(e.clusterName.toLowerCase(), FIELD_LIMITS.clusterName),
          keyText(e.customer?.name.toLowerCase() ?? '', FIELD_LIMITS.name),
          keyText(e.id, MAX_ID_LENGTH),
        ];
        entries.sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
        const page = pageOf(entries, keyOf, cursor ?? null, limit);
        const progress = releaseProgress(state, release.id, { includeArchivedCustomers: true });
        const groups: Array<{ cluster: ReturnType<typeof clusterView> | null; customers: unknown[] }> = [];
        for (const entry of page.items) {
          let group = groups.at(-1);
          if (group === undefined || (group.cluster?.id ?? null) !== entry.clusterId) {
            const cluster = entry.clusterId === null ? undefined : clusters[entry.clusterId];
            group = { cluster: cluster ? clusterView(cluster) : null, customers: [] };
            groups.push(group);
          }
          const customerProgress = progress.byCustomer[entry.id];
          group.customers.push({
            ...(entry.customer
              ? customerView(entry.customer as Customer)
              : { id: entry.id, source: 'runsheet' }),
            progress: customerProgress ? progressView(customerProgress) : null,
            steps: resolveCustomerSteps(state, release.id, entry.id).map(stepSummaryView),
          });
        }
        ctx.json(200, {
          release: { ...releaseView(release), progress: progressView(progress.overall) },
          clusters: groups,
          customerCount: entries.length,
          nextCursor: page.nextCursor,
        });
      },
      { action: 'api.read', entity: (ctx) => ctx.params.releaseId ?? '' },
    ),
  ];
}
