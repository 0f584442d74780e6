/** What runs where (IV-01..IV-05) as the API shows it. */
import { RELEASE_TYPES } from '@runsheet/domain';
import { z } from 'zod';
import { cursorParam } from '../cursor.ts';
import { runsheetIdSchema } from '../ids.ts';
import { limitParam, nextCursor } from './common.ts';
import { ClusterView, CustomerView } from './runsheet.ts';

export const InventoryReleaseView = z
  .object({
    releaseId: z.string().meta({ description: 'release:…' }),
    name: z.string(),
    versionNumber: z.string().nullable(),
    type: z.enum(RELEASE_TYPES),
    completedAt: z
      .string()
      .nullable()
      .meta({ description: 'When its last step became complete for this customer' }),
  })
  .meta({ id: 'InventoryRelease' });

export const InventoryRowView = z
  .object({
    customer: CustomerView,
    cluster: ClusterView.nullable().meta({ description: 'Null when the catalog lacks its cluster' }),
    runs: InventoryReleaseView.nullable().meta({
      description: 'The last release of type `release` whose steps are all complete for it (IV-02)',
    }),
    hotfixes: z
      .array(InventoryReleaseView)
      .meta({ description: 'Hotfixes complete after that release, oldest first (IV-03)' }),
    inProgress: InventoryReleaseView.extend({
      total: z.number().int(),
      complete: z.number().int(),
      completePercent: z.number().int(),
    })
      .nullable()
      .meta({ description: 'The newest active release or hotfix not complete for it (IV-04)' }),
    behind: z.number().int().meta({ description: 'Releases of type `release` newer than the one it runs' }),
  })
  .meta({ id: 'InventoryRow' });
export type InventoryRowView = z.infer<typeof InventoryRowView>;

export const InventoryQuery = z.object({
  limit: limitParam(500, 100),
  /** Cluster name, customer name (both lower-cased), customer id. */
  cursor: cursorParam(['text', 'text', 'text']),
  cluster: runsheetIdSchema('cluster').optional().meta({ description: 'Only customers of this `cluster:`' }),
  behind: z
    .enum(['true', 'false'], { error: 'use true or false' })
    .optional()
    .meta({ description: 'true: only customers behind the newest release; false: only those up to date' }),
});

export const InventoryAnswer = z
  .object({
    newest: InventoryReleaseView.nullable().meta({
      description: 'The newest activated release of type `release`',
    }),
    items: z.array(InventoryRowView),
    total: z.number().int().meta({ description: 'Rows matching the filters, over every page' }),
    nextCursor,
  })
  .meta({ id: 'Inventory' });
export type InventoryAnswer = z.infer<typeof InventoryAnswer>;
