import { z } from 'zod';
import { decodeCursor, encodeCursor, parseLimit } from '../cursor.ts';
import type { ApiDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { route } from '../router.ts';

const AuditCursor = z.strictObject({ before: z.number().int().positive() });

function timeParam(value: string | null, field: string): number | undefined {
  if (value === null || value === '') return undefined;
  const ms = value.length <= 40 ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms))
    throw new ApiError('invalid-query', {
      field,
      message: `${field}: use an ISO 8601 time, e.g. 2030-01-31T12:00:00Z`,
    });
  return ms;
}

function textParam(value: string | null, field: string): string | undefined {
  if (value === null || value === '') return undefined;
  if (value.length > 256)
    throw new ApiError('invalid-query', { field, message: `${field}: at most 256 characters` });
  return value;
}

/** GET /api/audit : the access log (FR-014), newest first, for admins. Filters combine with AND. */
export function auditRoutes(deps: ApiDeps) {
  return [
    route(
      'GET',
      '/api/audit',
      'admin',
      async (ctx) => {
        const limit = parseLimit(ctx.query('limit'), 100, 500);
        const cursor = decodeCursor(ctx.query('cursor'), AuditCursor);
        const rows = await deps.audit.store.query({
          user: textParam(ctx.query('user'), 'user'),
          entity: textParam(ctx.query('entity'), 'entity'),
          since: timeParam(ctx.query('since'), 'since'),
          until: timeParam(ctx.query('until'), 'until'),
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
