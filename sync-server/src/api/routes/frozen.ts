import { operations } from '@runsheet/protocol';
import type { ApiDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { route } from '../router.ts';
import { findRelease } from './releases.ts';

/**
 * GET /api/releases/:releaseId/frozen (FZ-07): the relay's frozen snapshot of an archived release
 * (FZ-06), so a device that has not got the release reads it from these bytes instead of syncing its
 * document. The ETag is the snapshot's hash; a device checks the bytes against it (`thawRelease` refuses
 * damaged ones) before it keeps them.
 */
export function frozenRoutes(deps: ApiDeps) {
  return [
    route(
      operations.runsheet.frozenRelease,
      async (ctx) => {
        const release = await findRelease(deps, ctx.params.releaseId);
        // Only while the catalog says archived: a snapshot of a release just unarchived is on its way out.
        const row = release.status === 'archived' ? await deps.frozen.get(release.id) : undefined;
        if (row === undefined) throw new ApiError('not-frozen');
        ctx.bytes(row.bytes, 'application/octet-stream', row.hash);
      },
      { action: 'api.read', entity: (ctx) => ctx.params.releaseId ?? '' },
    ),
  ];
}
