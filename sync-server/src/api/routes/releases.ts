import type { Customer, CustomerId, Release, ReleaseId } from '@runsheet/domain';
import { releaseProgress, resolveCustomerSteps } from '@runsheet/domain';
import { z } from 'zod';
import { compareKeys, pageOf, parseLimit } from '../cursor.ts';
import type { ApiDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { requireRunsheetId } from '../ids.ts';
import { JsonCache } from '../json-cache.ts';
import { route } from '../router.ts';
import { clusterView, customerView, progressView, releaseView, stepSummaryView } from '../views/runsheet.ts';

const StatusFilter = z.enum(['draft', 'active', 'archived']);

/** Newest first (a negated time sorts ascending); the id breaks ties so the order is total. */
const releaseKey = (r: Release): Array<string | number> => [-(Date.parse(r.createdAt) || 0), r.id];

/** The release named by `value`, from the catalog (loaded first when it is not yet). */
export async function findRelease(deps: ApiDeps, value: string): Promise<Release> {
  const id = requireRunsheetId(value, 'release', 'releaseId') as ReleaseId;
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
      'GET',
      '/api/releases',
      'signed-in',
      async (ctx) => {
        const limitText = ctx.query('limit');
        const statusText = ctx.query('status');
        const cursorText = ctx.query('cursor');
        await deps.workspace.ready();
        const { releases } = deps.workspace.state.catalog;
        // The answer depends on the catalog and these three parameters only. Bad parameters throw in
        // `build`, every time: nothing is cached for them.
        const key = JSON.stringify([limitText, statusText, cursorText]);
        const body = listCache.get(deps.workspace, deps.workspace.catalogVersion, key, () => {
          const limit = parseLimit(limitText, 50, 500);
          const status = statusText === null ? null : StatusFilter.safeParse(statusText);
          if (status !== null && !status.success)
            throw new ApiError('invalid-query', {
              field: 'status',
              message: 'status: use draft, active or archived',
            });
          const all = Object.values(releases)
            .filter((r) => status === null || r.status === status.data)
            .sort((a, b) => compareKeys(releaseKey(a), releaseKey(b)));
          const page = pageOf(all, releaseKey, cursorText, limit);
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
      'GET',
      '/api/releases/:releaseId',
      'signed-in',
      async (ctx) => {
        const release = await findRelease(deps, ctx.params.releaseId!);
        const limit = parseLimit(ctx.query('limit'), 50, 500);
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
        const keyOf = (e: (typeof entries)[number]) => [
          e.clusterName.toLowerCase(),
          e.customer?.name.toLowerCase() ?? '',
          e.id,
        ];
        entries.sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
        const page = pageOf(entries, keyOf, ctx.query('cursor'), limit);
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
