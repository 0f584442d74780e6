import { z } from 'zod';
import { stepCategorySchema, stepStatusSchema, stepTypeSchema } from '../enums.ts';
import { idSchema } from '../ids.ts';
import { FIELD_LIMITS } from '../limits.ts';
import { timestampSchema } from './common.ts';

/**
 * How a step ran: the revision it ran, the values of the variables that revision's content uses (only
 * those that could be filled in; VR-03 leaves the others as written), when and by whom. The executed
 * text is `fillValues(revision.content, vars)`, byte for byte what `renderContent` produced when the
 * step was marked done (ST-10). One value, not four fields: a merge can never pair one run's revision
 * with another run's values or time, and a done step costs one key instead of three.
 */
export const executionSchema = z.object({
  rev: idSchema('rev'),
  vars: z.record(z.string(), z.string()),
  at: timestampSchema,
  /** The actor's name, as `executedBy` always held. */
  by: z.string(),
});
export type Execution = z.infer<typeof executionSchema>;

/**
 * What a customer step holds of its own. A template step has none of this until something happens to
 * it for that customer (override, status change, note); until then it inherits everything from its
 * template. Every field is optional and merges field by field.
 *
 * When a step leaves `pending` it keeps the id of a content revision instead of a copy of its content
 * (ST-02, ST-09): `snapshotRev` for what it showed, `execution` for what ran (BR-R03). An override
 * is a revision too (`overrideRev`), so editing an override never changes what a run referred to.
 *
 * Legacy fields: documents written before revisions hold copies instead (`snapshot*`,
 * `executedContent`, `overrideContent`, `overrideName`) and the run's `executedAt` / `executedBy` as
 * fields of their own. They are still read (ST-11); commands never write them, and remove those of a
 * step when they write its revision fields.
 */
export const stepStateSchema = z
  .object({
    status: stepStatusSchema,
    statusAt: timestampSchema,
    statusBy: z.string(),
    notes: z.string().max(FIELD_LIMITS.notes),
    skipReason: z.string().max(FIELD_LIMITS.reason),
    revertReason: z.string().max(FIELD_LIMITS.reason),
    overrideRev: idSchema('rev'),
    overriddenAt: timestampSchema,
    snapshotRev: idSchema('rev'),
    execution: executionSchema,
    updatedAt: timestampSchema,
    /** Legacy (read only): copies from before revisions, and the run's time and actor. */
    executedAt: timestampSchema,
    executedBy: z.string(),
    overrideContent: z.string(),
    overrideName: z.string(),
    snapshotName: z.string(),
    snapshotCategory: stepCategorySchema,
    snapshotType: stepTypeSchema,
    snapshotContent: z.string(),
    executedContent: z.string(),
  })
  .partial();
export type StepState = z.infer<typeof stepStateSchema>;
export type StepStateField = keyof StepState;

/** The legacy copies of a snapshot (ST-11). */
export const LEGACY_SNAPSHOT_FIELDS = [
  'snapshotName',
  'snapshotCategory',
  'snapshotType',
  'snapshotContent',
] as const satisfies readonly StepStateField[];

/** The legacy record of a run: its text, time and actor (ST-11). */
export const LEGACY_RUN_FIELDS = [
  'executedContent',
  'executedAt',
  'executedBy',
] as const satisfies readonly StepStateField[];

/** The legacy copies of an override (ST-11). */
export const LEGACY_OVERRIDE_FIELDS = [
  'overrideContent',
  'overrideName',
] as const satisfies readonly StepStateField[];
