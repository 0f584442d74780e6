import { z } from 'zod';
import { stepCategorySchema, stepTypeSchema } from '../enums.ts';
import { FIELD_LIMITS } from '../limits.ts';
import { STEP_CONTENT_MAX } from './step-template.ts';

/**
 * What a step shows, frozen: name, category, type and raw content (variables not filled in). A release
 * document keeps these in its `revisions` map, id -> revision, each written once and never edited
 * (ST-09). Templates and custom steps point at the revision of their current content (`contentRev`),
 * an override is a revision of its own (`overrideRev`), and a step that leaves pending keeps only the
 * id of the revision it showed or ran, so 1,000 customers running one template share one copy of it.
 * Because a revision never changes, a step that refers to one can never be changed by a later edit
 * (BR-R03 by construction, also under merge: MR-02).
 */
export const contentRevisionSchema = z.object({
  name: z.string().min(1).max(FIELD_LIMITS.name),
  category: stepCategorySchema,
  type: stepTypeSchema,
  content: z.string().max(STEP_CONTENT_MAX),
  /**
   * Overrides only: the name is the customer's own. Without it a pending overridden step shows its
   * template's current name, as before revisions (BR-S02); `name` then records the template's name
   * when the override was made.
   */
  ownName: z.literal(true).optional(),
});
export type ContentRevision = z.infer<typeof contentRevisionSchema>;

/** The four fields a revision freezes, without the override flag: what "the same content" compares. */
export type ContentFields = Pick<ContentRevision, 'name' | 'category' | 'type' | 'content'>;
