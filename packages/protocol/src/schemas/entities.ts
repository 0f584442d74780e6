/** `GET /api/entities/{id}`: one entity by typed id, Runsheet's or a Temporal-only one. */
import { z } from 'zod';
import { cursorParam, limitParam } from './common.ts';
import { ClusterWithCount, CustomerView, ReleaseWithProgress, StepView } from './runsheet.ts';
import { TemporalEntityAnswer } from './temporal.ts';

export const EntityQuery = z.object({
  release: z
    .string()
    .max(256)
    .optional()
    .meta({ description: 'The release of a `step:` (required for one), or the Temporal release to choose' }),
  limit: limitParam(5000, 500),
  cursor: cursorParam,
});

export const RunsheetEntityAnswer = z
  .object({ entity: z.union([ReleaseWithProgress, ClusterWithCount, CustomerView, StepView]) })
  .meta({ id: 'RunsheetEntityAnswer' });

export const EntityAnswer = z
  .union([RunsheetEntityAnswer, TemporalEntityAnswer])
  .meta({ id: 'EntityAnswer', description: 'Every entity carries `source`: `runsheet` or `temporal`' });
