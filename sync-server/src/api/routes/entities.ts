import type { ClusterId, CustomerId, ReleaseId } from '@runsheet/domain';
import { operations, TEMPORAL_ONLY } from '@runsheet/protocol';
import type { ApiDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { route } from '../router.ts';
import { clusterView, customerView, overallProgress, releaseView } from '../views/runsheet.ts';
import { temporalEntityAnswer } from './temporal.ts';

/**
 * GET /api/entities/:id : one entity by typed id. `release:`, `cluster:` and `customer:` are Runsheet's
 * own (a step is read under its release); `wave:`, `bundle:` and `app:` exist only in Temporal and are
 * answered from the Temporal mirror. Temporal's own `release:` and `cluster:` ids live under
 * `/api/temporal/entities/`. Every answer carries `source`.
 */
export function entityRoutes(deps: ApiDeps) {
  return [
    route(
      operations.runsheet.entity,
      async (ctx) => {
        const id = ctx.params.id;
        const type = id.slice(0, id.indexOf(':'));
        if ((TEMPORAL_ONLY as readonly string[]).includes(type)) {
          temporalEntityAnswer(deps, ctx, id);
          return;
        }
        await deps.workspace.ready();
        const state = deps.workspace.state;
        switch (type) {
          case 'release': {
            const releaseId = id as ReleaseId;
            const release = state.catalog.releases[releaseId];
            if (!release) throw new ApiError('not-found', { message: `No release "${releaseId}".` });
            await deps.workspace.openRelease(releaseId);
            ctx.json(200, {
              entity: { ...releaseView(release), progress: overallProgress(deps.workspace.state, releaseId) },
            });
            return;
          }
          case 'cluster': {
            const clusterId = id as ClusterId;
            const cluster = state.catalog.clusters[clusterId];
            if (!cluster) throw new ApiError('not-found', { message: `No cluster "${clusterId}".` });
            const customers = Object.values(state.catalog.customers).filter((c) => c.clusterId === clusterId);
            ctx.json(200, { entity: { ...clusterView(cluster), customerCount: customers.length } });
            return;
          }
          default: {
            const customerId = id as CustomerId;
            const customer = state.catalog.customers[customerId];
            if (!customer) throw new ApiError('not-found', { message: `No customer "${customerId}".` });
            ctx.json(200, { entity: customerView(customer) });
          }
        }
      },
      { action: 'api.read', entity: (ctx) => ctx.params.id ?? '' },
    ),
  ];
}
