import { operations } from '@runsheet/protocol';
import type { ApiDeps } from '../deps.ts';
import { route } from '../router.ts';
import { findRelease } from './releases.ts';

/**
 * GET /api/releases/:releaseId/history-attestations (SE-11c): per history entry, the signed-in user the
 * server received it from, beside the actor the entry names. The app shows this next to the history, so
 * history written under another person's name is visible as such.
 */
export function historyAttestationRoutes(deps: ApiDeps) {
  return [
    route(
      operations.runsheet.historyAttestations,
      async (ctx) => {
        const { releaseId } = ctx.params;
        await findRelease(deps, releaseId);
        // The room of a release is its id (the catalog entry's key).
        const rows = await deps.audit.store.attestations(releaseId);
        ctx.json(200, {
          items: rows.map((r) => ({
            entryId: r.entryId,
            userId: r.userId,
            username: r.username,
            claimedBy: r.claimedBy,
            mismatch: r.userId !== null && r.claimedBy !== r.userId,
            at: new Date(r.at).toISOString(),
          })),
        });
      },
      { action: 'api.read', entity: (ctx) => ctx.params.releaseId ?? '' },
    ),
  ];
}
