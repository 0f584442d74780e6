/**
 * The bridge's whole view of Temporal: list, describe, query. Nothing else. The bridge NEVER starts,
 * signals, updates, cancels, terminates or resets a workflow (Runsheet only reads workflow state), and this
 * interface is how that is kept: it is the only thing the bridge gets, and this file is the only one that
 * imports the Temporal client (a test checks both).
 */
import type { WorkflowStatusName } from '@runsheet/doc';
import type { TemporalConfig } from './config.ts';

export interface WorkflowSummary {
  workflowId: string;
  runId: string;
  status: WorkflowStatusName;
  /** 0 in list results of running workflows on some visibility stores: describe tells the real one. */
  historyLength: number;
  startTime: string | null;
  closeTime: string | null;
}

export interface TemporalReader {
  /** Every execution of the workflow type, newest first (all pages). */
  list(workflowType: string): Promise<WorkflowSummary[]>;
  describe(workflowId: string, runId: string): Promise<WorkflowSummary>;
  /** Runs a read-only query handler of the workflow and returns its answer as JSON data. */
  query(workflowId: string, runId: string, queryName: string): Promise<unknown>;
  close(): Promise<void>;
}

/** The methods a reader has: the test compares the real reader against exactly this list. */
export const READER_METHODS = ['list', 'describe', 'query', 'close'] as const;

const KNOWN_STATUSES = new Set<WorkflowStatusName>([
  'RUNNING',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'TERMINATED',
  'CONTINUED_AS_NEW',
  'TIMED_OUT',
  'PAUSED',
]);

interface ExecutionInfoLike {
  workflowId: string;
  runId: string;
  status: { name: string };
  historyLength: number;
  startTime?: Date | undefined;
  closeTime?: Date | undefined;
}

function summaryOf(info: ExecutionInfoLike): WorkflowSummary {
  const name = info.status.name as WorkflowStatusName;
  return {
    workflowId: info.workflowId,
    runId: info.runId,
    status: KNOWN_STATUSES.has(name) ? name : 'UNKNOWN',
    historyLength: Number(info.historyLength) || 0,
    startTime: info.startTime ? info.startTime.toISOString() : null,
    closeTime: info.closeTime ? info.closeTime.toISOString() : null,
  };
}

/**
 * A reader over `@temporalio/client`. The connection is lazy: it is made by the first call and re-made by
 * the client after a failure, so a bridge can start before Temporal does. Every call has a deadline.
 */
export async function connectTemporalReader(config: TemporalConfig): Promise<TemporalReader> {
  // Loaded only when the bridge is on: the client and its gRPC stack are not needed otherwise.
  const { Client, Connection } = await import('@temporalio/client');
  const connection = Connection.lazy({ address: config.address, connectTimeout: config.rpcTimeoutMs });
  const client = new Client({ connection, namespace: config.namespace });
  const withDeadline = <T>(fn: () => Promise<T>) =>
    connection.withDeadline(Date.now() + config.rpcTimeoutMs, fn);

  // A plain object, not the client: nothing but these four functions leaves this module.
  const reader: TemporalReader = {
    list: (workflowType) =>
      withDeadline(async () => {
        const out: WorkflowSummary[] = [];
        // The type is validated by config (letters, digits, . _ -), so quoting it is safe.
        for await (const info of client.workflow.list({ query: `WorkflowType = '${workflowType}'` })) {
          out.push(summaryOf(info));
        }
        return out;
      }),
    describe: (workflowId, runId) =>
      withDeadline(async () => summaryOf(await client.workflow.getHandle(workflowId, runId).describe())),
    query: (workflowId, runId, queryName) =>
      withDeadline(() => client.workflow.getHandle(workflowId, runId).query<unknown>(queryName)),
    close: () => connection.close(),
  };
  return reader;
}
