/** `GET /api/entities/{id}`: one entity by typed id, Runsheet's or a Temporal-only one. */
import { z } from 'zod';
import { ClusterWithCount, CustomerView, ReleaseWithProgress } from './runsheet.ts';
import { TemporalEntityAnswer, TemporalEntityQuery } from './temporal.ts';

/** Only Temporal entities use them: `release` chooses among Temporal releases, `limit`/`cursor` page children. */
export const EntityQuery = TemporalEntityQuery;

export const RunsheetEntityAnswer = z
  .object({ entity: z.union([ReleaseWithProgress, ClusterWithCount, CustomerView]) })
  .meta({ id: 'RunsheetEntityAnswer' });

export const EntityAnswer = z
  .union([RunsheetEntityAnswer, TemporalEntityAnswer])
  .meta({ id: 'EntityAnswer', description: 'Every entity carries `source`: `runsheet` or `temporal`' });
