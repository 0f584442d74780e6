/** Runsheet's own releases, clusters, customers and steps as the API shows them. */
import {
  FIELD_LIMITS,
  RELEASE_STATUSES,
  RELEASE_TYPES,
  STEP_CATEGORIES,
  STEP_STATUSES,
  STEP_TYPES,
} from '@runsheet/domain';
import { z } from 'zod';
import { cursorParam } from '../cursor.ts';
import { limitParam, nextCursor, nonBlankText } from './common.ts';

/** Every entity says where it comes from: Runsheet and Temporal both have `release:` and `cluster:` ids. */
const runsheet = z.literal('runsheet');

export const ProgressView = z
  .object({
    total: z.number().int(),
    done: z.number().int(),
    skipped: z.number().int(),
    pending: z.number().int(),
    reverted: z.number().int(),
    donePercent: z.number().int().meta({ description: 'done / total, 0 to 100, floored' }),
    completePercent: z.number().int().meta({ description: '(done + skipped) / total, 0 to 100, floored' }),
  })
  .meta({ id: 'Progress' });
export type ProgressView = z.infer<typeof ProgressView>;

export const ReleaseView = z
  .object({
    id: z.string().meta({ description: 'release:…' }),
    source: runsheet,
    name: z.string(),
    type: z.enum(RELEASE_TYPES),
    status: z.enum(RELEASE_STATUSES),
    versionNumber: z.string().nullable(),
    releaseDate: z.string().nullable().meta({ description: 'YYYY-MM-DD' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    activatedAt: z.string().nullable(),
  })
  .meta({ id: 'Release' });
export type ReleaseView = z.infer<typeof ReleaseView>;

export const ReleaseWithProgress = ReleaseView.extend({ progress: ProgressView }).meta({
  id: 'ReleaseWithProgress',
});

export const ClusterView = z
  .object({
    id: z.string().meta({ description: 'cluster:…' }),
    source: runsheet,
    name: z.string(),
    description: z.string(),
    isActive: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Cluster' });
export type ClusterView = z.infer<typeof ClusterView>;

export const CustomerView = z
  .object({
    id: z.string().meta({ description: 'customer:…' }),
    source: runsheet,
    name: z.string(),
    namespace: z.string(),
    clusterId: z.string(),
    isActive: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Customer' });
export type CustomerView = z.infer<typeof CustomerView>;

/** A step in a release's hierarchy: its status and who did what, without its (possibly long) content. */
export const StepSummaryView = z
  .object({
    id: z.string().meta({ description: 'step:…' }),
    name: z.string(),
    category: z.enum(STEP_CATEGORIES),
    type: z.enum(STEP_TYPES),
    status: z.enum(STEP_STATUSES),
    executedAt: z.string().nullable(),
    executedBy: z.string().nullable(),
    notes: z.string().nullable(),
    skipReason: z.string().nullable(),
    revertReason: z.string().nullable(),
    isCustom: z.boolean(),
  })
  .meta({ id: 'StepSummary' });
export type StepSummaryView = z.infer<typeof StepSummaryView>;

/** One step in full, its content and executed content included. */
export const StepView = StepSummaryView.extend({
  source: runsheet,
  releaseId: z.string(),
  customerId: z.string(),
  templateId: z.string().nullable(),
  content: z.string(),
  executedContent: z.string().nullable(),
  filledContent: z.string().meta({
    description:
      "The content with this customer's variables filled in (`{{customer.namespace}}`…): what to run now",
  }),
  unfilledVariables: z.array(z.string()).meta({
    description: 'Variables of ours left as written in `filledContent` (unknown, or no value here)',
  }),
  isOverridden: z.boolean(),
  statusAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
}).meta({ id: 'Step' });
export type StepView = z.infer<typeof StepView>;

export const ReleasesQuery = z.object({
  limit: limitParam(500, 50),
  /** Newest first: minus the creation time in ms, then the id. */
  cursor: cursorParam(['int', 'text']),
  status: z
    .enum(RELEASE_STATUSES, { error: `use ${RELEASE_STATUSES.join(', ')}` })
    .optional()
    .meta({ description: 'Only releases with this status' }),
});

export const ReleaseListAnswer = z
  .object({ items: z.array(ReleaseView), nextCursor })
  .meta({ id: 'ReleaseList' });

const customerSteps = {
  progress: ProgressView.nullable().meta({ description: 'Null for a customer with no steps' }),
  steps: z.array(StepSummaryView),
};

/** A participant of a release: the customer with its progress and steps. */
export const ReleaseCustomer = z
  .union([
    CustomerView.extend(customerSteps),
    // A participant whose customer the catalog no longer has (removed on another device).
    z.object({ id: z.string(), source: runsheet, ...customerSteps }),
  ])
  .meta({ id: 'ReleaseCustomer' });

export const ReleaseDetailQuery = z.object({
  limit: limitParam(500, 50),
  /** Customers by cluster name, then customer name (both lower-cased), then id. */
  cursor: cursorParam(['text', 'text', 'text']),
});

export const ReleaseDetailAnswer = z
  .object({
    release: ReleaseWithProgress,
    clusters: z.array(
      z.object({
        cluster: ClusterView.nullable().meta({ description: 'Null for customers whose cluster is unknown' }),
        customers: z.array(ReleaseCustomer),
      }),
    ),
    customerCount: z.number().int().meta({ description: 'Customers in the release, over every page' }),
    nextCursor,
  })
  .meta({ id: 'ReleaseDetail' });

export const MarkDoneRequest = z
  .strictObject({
    notes: z
      .string()
      .max(FIELD_LIMITS.notes)
      .optional()
      .meta({ description: 'What was seen while doing it' }),
  })
  .meta({ id: 'MarkDoneRequest' });

export const ReasonRequest = z
  .strictObject({
    reason: nonBlankText(FIELD_LIMITS.reason, 'give a reason'),
  })
  .meta({ id: 'ReasonRequest' });

export const StepReadAnswer = z.object({ step: StepView }).meta({ id: 'StepReadAnswer' });

export const StepAnswer = z
  .object({ step: StepView.nullable().meta({ description: 'Null if the step is gone after the change' }) })
  .meta({ id: 'StepAnswer' });

export const ClusterWithCount = ClusterView.extend({ customerCount: z.number().int() }).meta({
  id: 'ClusterWithCustomerCount',
});
