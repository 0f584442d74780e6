/** The Temporal-driven releases, as read from the server's mirror of the release workflows. */
import { TEMPORAL_ENTITY_TYPES } from '@runsheet/domain';
import { z } from 'zod';
import { cursorParam } from '../cursor.ts';
import { temporalIdSchema } from '../ids.ts';
import { limitParam, nextCursor } from './common.ts';

/** Workflow execution statuses as Temporal names them. */
export const WORKFLOW_STATUSES = [
  'RUNNING',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'TERMINATED',
  'CONTINUED_AS_NEW',
  'TIMED_OUT',
  'PAUSED',
  'UNKNOWN',
] as const;

const temporal = z.literal('temporal');

export const MirrorView = z
  .object({
    lastSuccessAt: z.string().nullable(),
    lastAttemptAt: z.string().nullable(),
    error: z.string().nullable().meta({ description: 'Why the last read of Temporal failed' }),
    stale: z.boolean(),
    ageMs: z.number().int().nullable().meta({ description: 'Since the last complete read; null if none' }),
  })
  .meta({ id: 'Mirror', description: 'How current the mirror of Temporal is' });
export type MirrorView = z.infer<typeof MirrorView>;

export const TemporalReleaseView = z
  .object({
    id: z.string().meta({ description: 'release:… from the workflow’s query' }),
    source: temporal,
    workflowId: z.string(),
    runId: z.string(),
    workflowStatus: z.enum(WORKFLOW_STATUSES),
    state: z.string().nullable(),
    startTime: z.string().nullable(),
    closeTime: z.string().nullable(),
    historyLength: z.number().int(),
    queriedAt: z.string().nullable(),
    queryError: z.string().nullable(),
    entityCount: z.number().int(),
    problems: z.array(z.string()),
  })
  .meta({ id: 'TemporalRelease' });
export type TemporalReleaseView = z.infer<typeof TemporalReleaseView>;

export const TemporalEntityView = z
  .object({
    id: z.string(),
    type: z.enum(TEMPORAL_ENTITY_TYPES),
    state: z.string(),
    parentId: z.string().nullable(),
    depth: z.number().int(),
    since: z.string().nullable(),
  })
  .meta({ id: 'TemporalEntity' });
export type TemporalEntityView = z.infer<typeof TemporalEntityView>;

/** Temporal lists page by position: their order is fixed between two polls of the mirror. */
const positionCursor = cursorParam(['int']);

export const TemporalReleasesQuery = z.object({ limit: limitParam(500, 50), cursor: positionCursor });

export const TemporalReleaseListAnswer = z
  .object({ items: z.array(TemporalReleaseView), nextCursor, mirror: MirrorView })
  .meta({ id: 'TemporalReleaseList' });

export const TemporalReleaseQuery = z.object({ limit: limitParam(5000, 1000), cursor: positionCursor });

export const TemporalReleaseAnswer = z
  .object({
    release: TemporalReleaseView,
    entities: z.array(TemporalEntityView).meta({ description: 'The hierarchy depth-first' }),
    nextCursor,
    mirror: MirrorView,
  })
  .meta({ id: 'TemporalReleaseHierarchy' });

/** `?release=` narrows an entity id found in several releases; `limit` and `cursor` page its children. */
export const TemporalEntityQuery = z.object({
  release: temporalIdSchema('release').optional().meta({ description: 'A Temporal `release:` id' }),
  limit: limitParam(5000, 500),
  cursor: positionCursor,
});

export const TemporalEntityAnswer = z
  .object({
    entity: TemporalEntityView.extend({
      source: temporal,
      releaseId: z.string(),
      workflowId: z.string(),
      workflowStatus: z.enum(WORKFLOW_STATUSES),
      childCount: z.number().int(),
    }),
    path: z
      .array(z.object({ id: z.string(), type: z.enum(TEMPORAL_ENTITY_TYPES), state: z.string() }))
      .meta({ description: 'Its ancestors, the release first' }),
    children: z.array(TemporalEntityView),
    nextCursor,
    mirror: MirrorView,
  })
  .meta({ id: 'TemporalEntityAnswer' });
