/** The access log: who read or changed release information, when, and from where. */
import { z } from 'zod';
import { cursorParam, limitParam, nextCursor } from './common.ts';

export const AUDIT_ACTIONS = ['api.read', 'api.write', 'sync.join'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AuditEntryView = z
  .object({
    id: z.number().int(),
    at: z.string(),
    userId: z.string().nullable(),
    username: z.string().nullable(),
    auth: z.string().meta({ description: '`session`, `token` or `open`' }),
    action: z.enum(AUDIT_ACTIONS),
    entity: z.string(),
    method: z.string().nullable(),
    path: z.string().nullable(),
    status: z.number().int().nullable(),
    ip: z.string(),
    userAgent: z.string(),
  })
  .meta({ id: 'AuditEntry' });

const ISO_TIME = 'use an ISO 8601 time, e.g. 2030-01-31T12:00:00Z';
const time = (description: string) =>
  z
    .string()
    .max(40, { error: ISO_TIME })
    .refine((value) => !Number.isNaN(Date.parse(value)), { error: ISO_TIME })
    .optional()
    .meta({ description, format: 'date-time' });

export const AuditQuery = z.object({
  user: z.string().max(256).optional().meta({ description: 'A user id or username' }),
  entity: z
    .string()
    .max(256)
    .optional()
    .meta({ description: 'An entity id or collection (`releases`, `audit`, a room name)' }),
  since: time('Inclusive'),
  until: time('Exclusive'),
  limit: limitParam(500, 100),
  cursor: cursorParam,
});

export const AuditPageAnswer = z
  .object({ items: z.array(AuditEntryView), nextCursor })
  .meta({ id: 'AuditPage', description: 'Newest first' });
