import { operations } from '@runsheet/protocol';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { ApiDeps } from '../deps.ts';
import { route } from '../router.ts';

const AuditCursor = z.strictObject({ before: z.number().int().positive() });

/** GET /api/audit : the access log (FR-014), newest first, for admins. Filters combine with AND. */
export function auditRoutes(deps: ApiDeps) {
  return [
    route(
      operations.audit.audit,
      async (ctx) => {
        const query = ctx.queryValues;
        const limit = query.limit;
        const cursor = decodeCursor(query.cursor ?? null, AuditCursor);
        const rows = await deps.audit.store.query({
          // An empty filter is no filter.
          user: query.user || undefined,
          entity: query.entity || undefined,
          since: query.since === undefined ? undefined : Date.parse(query.since),
          until: query.until === undefined ? undefined : Date.parse(query.until),
          beforeId: cursor?.before,
          limit: limit + 1,
        });
        const items = rows.slice(0, limit);
        const last = items.at(-1);
        ctx.json(200, {
          items: items.map((r) => ({ ...r, at: new Date(r.at).toISOString() })),
          nextCursor: rows.length > limit && last ? encodeCursor({ before: last.id }) : null,
        });
      },
      // Reading the audit log is itself recorded: who looked at whose accesses.
      { action: 'api.read', entity: () => 'audit' },
    ),
  ];
}
