/** The access log: who read or changed release information, when, and from where. */
import { z } from 'zod';
import { cursorParam } from '../cursor.ts';
import { parseDateTime } from '../date-time.ts';
import { limitParam, nextCursor } from './common.ts';

/** `sync.write` and `history.actor-mismatch`: SE-11 (every accepted sync write; history under another's name). */
export const AUDIT_ACTIONS = [
  'api.read',
  'api.write',
  'sync.join',
  'sync.write',
  'history.actor-mismatch',
] as const;
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
    bytes: z.number().int().nullable().meta({ description: '`sync.write`: the size of the update' }),
    sha256: z.string().nullable().meta({ description: '`sync.write`: SHA-256 of the update, hex' }),
    detail: z.string().nullable().meta({
      description:
        'JSON: for `sync.write` the history entries the update added; for `history.actor-mismatch` `entryId`, `claimedBy`, `claimedName`, `signedInAs`',
    }),
  })
  .meta({ id: 'AuditEntry' });

/** SE-11: whom the server received one history entry from. */
export const HistoryAttestationView = z
  .object({
    entryId: z.string().meta({ description: 'The history event id' }),
    userId: z.string().nullable().meta({ description: 'The signed-in user the server received it from' }),
    username: z.string().nullable(),
    claimedBy: z.string().meta({ description: 'The actor id the entry names' }),
    mismatch: z.boolean().meta({ description: 'True when the entry names someone else than its sender' }),
    at: z.string().meta({ description: 'When the server received it' }),
  })
  .meta({ id: 'HistoryAttestation' });

export const HistoryAttestationsAnswer = z.object({ items: z.array(HistoryAttestationView) }).meta({
  id: 'HistoryAttestations',
  description:
    'In the order received. Entries written through the REST API, in open mode, or before the server kept attestations are not listed',
});

const DATE_TIME = 'use an RFC 3339 time, e.g. 2030-01-31T12:00:00Z';
/** An RFC 3339 date-time, given to the handler as milliseconds since the epoch. */
const time = (description: string) =>
  z
    .string()
    .max(40, { error: DATE_TIME })
    .transform((value, ctx) => {
      const ms = parseDateTime(value);
      if (ms === null) ctx.issues.push({ code: 'custom', message: DATE_TIME, input: value });
      return ms ?? 0;
    })
    .optional()
    // The handler gets a number; the document states the text a client sends.
    .meta({ description, type: 'string', format: 'date-time', maxLength: 40 } as Record<string, unknown>);

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
  /** The id of the last entry of the previous page. */
  cursor: cursorParam(['int']),
});

export const AuditPageAnswer = z
  .object({ items: z.array(AuditEntryView), nextCursor })
  .meta({ id: 'AuditPage', description: 'Newest first' });
