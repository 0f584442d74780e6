/** A release's rollout in waves as the API shows it and takes it: waves, gates, halt (WV-01..WV-09). */
import { FIELD_LIMITS, SOAK_MAX_MINUTES } from '@runsheet/domain';
import { z } from 'zod';
import { runsheetIdSchema } from '../ids.ts';
import { nonBlankText } from './common.ts';

const time = z.string().meta({ description: 'ISO 8601 time' });

export const CompletionView = z
  .object({
    total: z.number().int(),
    complete: z.number().int().meta({ description: 'Steps done or skipped' }),
    verifyTotal: z.number().int(),
    verifyComplete: z.number().int(),
  })
  .meta({ id: 'WaveCompletion' });

export const GateRecordView = z
  .object({
    by: z.string().meta({ description: 'The account id' }),
    byName: z.string(),
    at: time,
    text: z.string().nullable().meta({ description: "The sign-off's note or the early opening's reason" }),
    voided: z.boolean().meta({ description: 'Made apart from a halt: it does not count' }),
  })
  .meta({ id: 'GateRecord' });

export const GATE_CONDITIONS = ['previous-complete', 'verify-complete', 'soak', 'sign-off'] as const;

export const GateView = z
  .object({
    conditions: z.array(
      z.object({
        kind: z.enum(GATE_CONDITIONS),
        met: z.boolean(),
        at: time.nullable().meta({ description: 'When it was met; for a soak, when it ends' }),
      }),
    ),
    waitingFor: z.array(z.enum(GATE_CONDITIONS)),
    soakEndsAt: time.nullable(),
    readyForSignOff: z.boolean(),
    signOffs: z.array(GateRecordView),
    openedEarly: GateRecordView.nullable(),
  })
  .meta({ id: 'Gate' });

/** The conditions a wave's gate asks for (as planned), beside `gate`, which says which are met. */
export const GateSettings = z
  .strictObject({
    previousComplete: z
      .boolean()
      .optional()
      .meta({ description: 'Every step of the previous wave done or skipped (default true)' }),
    verifyComplete: z.boolean().optional().meta({ description: "The previous wave's verify steps complete" }),
    soakMinutes: z
      .number()
      .int()
      .min(0)
      .max(SOAK_MAX_MINUTES)
      .optional()
      .meta({ description: 'Minutes to wait after the conditions above are met' }),
    signOff: z.boolean().optional().meta({ description: 'A member or admin signs the gate off' }),
  })
  .meta({ id: 'GateSettings' });

export const WaveView = z
  .object({
    id: z.string().meta({ description: 'wave:…' }),
    name: z.string(),
    index: z.number().int(),
    customerIds: z.array(z.string()),
    completion: CompletionView,
    open: z.boolean(),
    openedAt: time.nullable(),
    openedBy: z.enum(['release', 'conditions', 'sign-off', 'early']).nullable(),
    complete: z.boolean(),
    completedAt: time.nullable(),
    lock: z
      .enum(['wave-not-open', 'rollout-halted'])
      .nullable()
      .meta({ description: 'Why its steps cannot be marked done or skipped now' }),
    settings: GateSettings,
    gate: GateView.nullable().meta({ description: 'Null on the first wave' }),
  })
  .meta({ id: 'Wave' });

export const RolloutView = z
  .object({
    releaseId: z.string(),
    waves: z.array(WaveView).meta({ description: 'In rollout order; empty when the release has no waves' }),
    halted: z
      .object({ by: z.string(), byName: z.string(), at: time, reason: z.string() })
      .nullable()
      .meta({ description: '"Halted by X: reason"; null while not halted' }),
    completion: CompletionView,
    complete: z.boolean(),
    runningWaveId: z.string().nullable().meta({ description: 'The first wave open and not complete' }),
    nextWaveId: z.string().nullable().meta({ description: 'The first wave not open' }),
  })
  .meta({ id: 'Rollout' });
export type RolloutView = z.infer<typeof RolloutView>;

export const RolloutAnswer = z.object({ rollout: RolloutView }).meta({ id: 'RolloutAnswer' });

export const WaveAnswer = z
  .object({
    wave: WaveView,
    halted: RolloutView.shape.halted,
  })
  .meta({ id: 'WaveAnswer' });

const ids = (type: 'customer' | 'cluster', max: number) =>
  z
    .array(runsheetIdSchema(type))
    .max(max)
    .optional()
    .meta({ description: `\`${type}:\` ids` });

export const WaveSelectionInput = z
  .strictObject({
    customerIds: ids('customer', 10_000),
    clusterIds: ids('cluster', 1_000),
    metadata: z
      .strictObject({ key: z.string().min(1).max(64), value: z.string().max(FIELD_LIMITS.metadataValue) })
      .optional()
      .meta({ description: 'Customers whose metadata has this value (tier = canary)' }),
  })
  .meta({ id: 'WaveSelection' });

export const PlanWavesRequest = z
  .strictObject({
    waves: z
      .array(
        z.strictObject({
          // Blank or too long is refused here, as the document states, not only by the command.
          name: nonBlankText(100, 'give the wave a name'),
          select: WaveSelectionInput.optional(),
          gate: GateSettings.optional(),
        }),
      )
      .max(50)
      .meta({ description: 'The whole plan, in order; customers picked by none go to the last wave' }),
  })
  .meta({ id: 'PlanWavesRequest' });

export const SignOffRequest = z
  .strictObject({ note: z.string().max(FIELD_LIMITS.reason).optional() })
  .meta({ id: 'SignOffRequest' });

export const RolloutReasonRequest = z
  .strictObject({ reason: nonBlankText(FIELD_LIMITS.reason, 'give a reason') })
  .meta({ id: 'RolloutReasonRequest' });

export const UpdateWaveRequest = z
  .strictObject({
    name: nonBlankText(100, 'give the wave a name').optional(),
    gate: GateSettings.optional().meta({ description: 'Only the conditions given change' }),
  })
  .meta({ id: 'UpdateWaveRequest' });

export const AssignToWaveRequest = z
  .strictObject({ select: WaveSelectionInput })
  .meta({ id: 'AssignToWaveRequest' });

export const AddWaveRequest = z
  .strictObject({
    name: nonBlankText(100, 'give the wave a name'),
    select: WaveSelectionInput.optional(),
    gate: GateSettings.optional(),
  })
  .meta({ id: 'AddWaveRequest' });
