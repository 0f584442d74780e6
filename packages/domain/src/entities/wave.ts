import { z } from 'zod';
import { idSchema } from '../ids.ts';
import { timestampSchema } from './common.ts';

/** The longest soak a gate can ask for: 30 days, in minutes. */
export const SOAK_MAX_MINUTES = 43_200;

/**
 * One wave of a release's rollout (WV-01): a named, ordered group of the release's customers. Which
 * customers are in it is not a field of the wave but one entry per customer in the release document's
 * `waveMembers`, so two devices moving customers never leave one in two waves.
 *
 * Every wave after the first has a gate (WV-04), described by the four `gate*` fields. They are fields
 * of their own, not one object, so two devices changing different conditions both keep their change
 * (MR-01). On the first wave they are kept but mean nothing: it opens with the release.
 *
 * `order` is a fractional index key like a template's (ID-03). Deleting sets `deletedAt`: the history
 * and the sign-offs of a deleted wave still name it.
 */
export const waveSchema = z.object({
  id: idSchema('wave'),
  releaseId: idSchema('release'),
  name: z.string().min(1).max(100),
  order: z.string().min(1),
  /** Every step of the previous wave is complete (done or skipped). */
  gatePreviousComplete: z.boolean(),
  /** Every verify step of the previous wave is complete. */
  gateVerifyComplete: z.boolean(),
  /** Minutes to wait after the completion conditions were met (0: no soak). */
  gateSoakMinutes: z.number().int().min(0).max(SOAK_MAX_MINUTES),
  /** A member or admin signs the gate off (who, when and a note are recorded). */
  gateSignOff: z.boolean(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  deletedAt: timestampSchema.nullable(),
});
export type Wave = z.infer<typeof waveSchema>;

/** A gate as commands take it: any subset of the conditions. */
export const gateInputSchema = z.object({
  previousComplete: z.boolean().optional(),
  verifyComplete: z.boolean().optional(),
  soakMinutes: z.number().int().min(0).max(SOAK_MAX_MINUTES).optional(),
  signOff: z.boolean().optional(),
});
export type GateInput = z.input<typeof gateInputSchema>;

/** A new wave's gate when none is given: the previous wave complete, nothing else. */
export const DEFAULT_GATE = {
  gatePreviousComplete: true,
  gateVerifyComplete: false,
  gateSoakMinutes: 0,
  gateSignOff: false,
} as const satisfies Partial<Wave>;

/** The wave fields a gate input sets (only the given ones). */
export function gateFields(gate: GateInput | undefined): Partial<Wave> {
  const out: Partial<Wave> = {};
  if (!gate) return out;
  if (gate.previousComplete !== undefined) out.gatePreviousComplete = gate.previousComplete;
  if (gate.verifyComplete !== undefined) out.gateVerifyComplete = gate.verifyComplete;
  if (gate.soakMinutes !== undefined) out.gateSoakMinutes = gate.soakMinutes;
  if (gate.signOff !== undefined) out.gateSignOff = gate.signOff;
  return out;
}
