import { encodeCursor, operations } from '@runsheet/protocol';
import type { ApiDeps } from '../deps.ts';
import { route } from '../router.ts';

/** GET /api/audit : the access log (FR-014), newest first, for admins. Filters combine with AND. */
export function auditRoutes(deps: ApiDeps) {
  return [
    route(
      operations.audit.audit,
      async (ctx) => {
        const query = ctx.queryValues;
        const limit = query.limit;
        const rows = await deps.audit.store.query({
          // An empty filter is no filter.
          user: query.user || undefined,
          entity: query.entity || undefined,
          since: query.since,
          until: query.until,
          // The cursor is the id of the previous page's last entry; the log is newest (highest id) first.
          beforeId: query.cursor?.[0],
          limit: limit + 1,
        });
        const items = rows.slice(0, limit);
        const last = items.at(-1);
        ctx.json(200, {
          items: items.map((r) => ({ ...r, at: new Date(r.at).toISOString() })),
          nextCursor: rows.length > limit && last ? encodeCursor([last.id]) : null,
        });
      },
      // Reading the audit log is itself recorded: who looked at whose accesses.
      { action: 'api.read', entity: () => 'audit' },
    ),
  ];
}
