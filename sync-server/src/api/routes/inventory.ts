import { type InventoryRow, inventory, type ReleaseId } from '@runsheet/domain';
import { FIELD_LIMITS, MAX_ID_LENGTH, operations } from '@runsheet/protocol';
import { compareKeys, keyText, pageOf } from '../cursor.ts';
import type { ApiDeps } from '../deps.ts';
import { route } from '../router.ts';
import { clusterView, customerView } from '../views/runsheet.ts';

/**
 * GET /api/inventory (IV-01..IV-05): what runs where. Every release that was ever activated is opened
 * first, since a customer's version is read from the step states of all of them.
 */
export function inventoryRoutes(deps: ApiDeps) {
  return [
    route(
      operations.inventory.inventory,
      async (ctx) => {
        const { limit, cursor, cluster, behind } = ctx.queryValues;
        await deps.workspace.ready();
        const activated = Object.values(deps.workspace.state.catalog.releases).filter(
          (r) => r.activatedAt !== null && r.status !== 'draft',
        );
        for (const r of activated) await deps.workspace.openRelease(r.id as ReleaseId);
        const state = deps.workspace.state;
        const { clusters } = state.catalog;
        const inv = inventory(state);
        const keyOf = (row: InventoryRow): [string, string, string] => [
          keyText((clusters[row.clusterId]?.name ?? '').toLowerCase(), FIELD_LIMITS.clusterName),
          keyText(row.customer.name.toLowerCase(), FIELD_LIMITS.name),
          keyText(row.customer.id, MAX_ID_LENGTH),
        ];
        const rows = inv.rows
          .filter((r) => cluster === undefined || r.clusterId === cluster)
          .filter((r) => behind === undefined || (behind === 'true') === r.behind > 0)
          // The cursor is this key, so the page order must be exactly its order.
          .sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
        const page = pageOf(rows, keyOf, cursor ?? null, limit);
        ctx.json(200, {
          newest: inv.newest,
          items: page.items.map((row) => {
            const c = clusters[row.clusterId];
            return {
              customer: customerView(row.customer),
              cluster: c ? clusterView(c) : null,
              runs: row.runs,
              hotfixes: row.hotfixes,
              inProgress: row.inProgress,
              behind: row.behind,
            };
          }),
          total: rows.length,
          nextCursor: page.nextCursor,
        });
      },
      { action: 'api.read', entity: () => 'inventory' },
    ),
  ];
}
