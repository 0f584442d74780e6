import { z } from 'zod';

/** The Temporal bridge's settings; the bridge runs only when TEMPORAL_ADDRESS is set. */
export interface TemporalConfig {
  /** `host:port` of the Temporal frontend (gRPC). */
  address: string;
  namespace: string;
  /** Workflows of this type are releases. */
  workflowType: string;
  /** The query every release workflow answers with its hierarchy. */
  queryName: string;
  /** Time between two polls. */
  pollMs: number;
  /** Deadline of one call to Temporal; an unreachable server must not stall the poll loop. */
  rpcTimeoutMs: number;
}

const unset = (value: unknown) => (value === '' ? undefined : value);
const name = (fallback: string) =>
  z.preprocess(
    unset,
    z
      .string()
      .max(200, { error: 'must be at most 200 characters' })
      .regex(/^[A-Za-z0-9._-]+$/, { error: 'use letters, digits, ".", "_" or "-"' })
      .default(fallback),
  );

export const TemporalEnvSchema = z.object({
  TEMPORAL_ADDRESS: z.preprocess(
    unset,
    z
      .string()
      .regex(/^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/, { error: 'must be host:port, e.g. localhost:7233' })
      .optional(),
  ),
  TEMPORAL_NAMESPACE: name('default'),
  TEMPORAL_WORKFLOW_TYPE: name('ReleaseWorkflow'),
  TEMPORAL_QUERY_NAME: name('getReleaseState'),
  TEMPORAL_POLL_MS: z.preprocess(
    unset,
    z.coerce
      .number({ error: 'must be a whole number between 200 and 3600000' })
      .int({ error: 'must be a whole number between 200 and 3600000' })
      .min(200, { error: 'must be at least 200' })
      .max(3_600_000, { error: 'must be at most 3600000' })
      .default(2000),
  ),
});

export function temporalConfigFrom(env: z.output<typeof TemporalEnvSchema>): TemporalConfig | null {
  if (env.TEMPORAL_ADDRESS === undefined) return null;
  return {
    address: env.TEMPORAL_ADDRESS,
    namespace: env.TEMPORAL_NAMESPACE,
    workflowType: env.TEMPORAL_WORKFLOW_TYPE,
    queryName: env.TEMPORAL_QUERY_NAME,
    pollMs: env.TEMPORAL_POLL_MS,
    rpcTimeoutMs: Math.min(10_000, Math.max(1_000, env.TEMPORAL_POLL_MS * 2)),
  };
}
