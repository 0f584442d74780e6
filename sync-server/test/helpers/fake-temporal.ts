import type { TemporalReader, WorkflowSummary } from '../../src/temporal/reader.ts';

export interface FakeWorkflow extends WorkflowSummary {
  answer: unknown;
}

/**
 * An in-memory Temporal for fast bridge tests: workflows the test edits by hand, and a count of every
 * call, so a test can say exactly what was queried. The real-server tests are in test-temporal/.
 */
export class FakeTemporal implements TemporalReader {
  readonly workflows = new Map<string, FakeWorkflow>();
  calls = { list: 0, describe: 0, query: 0 };
  queried: string[] = [];
  down = false;

  add(workflowId: string, answer: unknown, status: WorkflowSummary['status'] = 'RUNNING'): FakeWorkflow {
    const wf: FakeWorkflow = {
      workflowId,
      runId: `run-${workflowId}`,
      status,
      historyLength: 5,
      startTime: new Date(Date.UTC(2030, 0, 1, 0, this.workflows.size)).toISOString(),
      closeTime: null,
      answer,
    };
    this.workflows.set(workflowId, wf);
    return wf;
  }

  /** A state change in the workflow: its history grows and its query answers something new. */
  advance(workflowId: string, answer: unknown, status?: WorkflowSummary['status']): void {
    const wf = this.workflows.get(workflowId)!;
    wf.historyLength += 3;
    wf.answer = answer;
    if (status) wf.status = status;
  }

  private check(): void {
    if (this.down) throw new Error('14 UNAVAILABLE: No connection established');
  }

  async list(): Promise<WorkflowSummary[]> {
    this.calls.list++;
    this.check();
    // Like the dev server's visibility store: running workflows list with historyLength 0.
    return [...this.workflows.values()].map(({ answer: _a, ...s }) => ({
      ...s,
      historyLength: s.status === 'RUNNING' ? 0 : s.historyLength,
    }));
  }

  async describe(workflowId: string): Promise<WorkflowSummary> {
    this.calls.describe++;
    this.check();
    const { answer: _a, ...summary } = this.workflows.get(workflowId)!;
    return summary;
  }

  async query(workflowId: string): Promise<unknown> {
    this.calls.query++;
    this.queried.push(workflowId);
    this.check();
    return structuredClone(this.workflows.get(workflowId)!.answer);
  }

  async close(): Promise<void> {}
}

/** A query answer of the workflows' shape: `waves` waves of 1 cluster, 1 bundle, `apps` apps each. */
export function sampleAnswer(
  key: string,
  options: { waves?: number; apps?: number; appState?: string } = {},
) {
  return {
    id: `release:${key}`,
    state: 'deploying',
    waves: Array.from({ length: options.waves ?? 2 }, (_, w) => ({
      id: `wave:${key}-${w}`,
      state: 'deploying',
      clusters: [
        {
          id: `cluster:${key}-${w}`,
          state: 'deploying',
          bundles: [
            {
              id: `bundle:${key}-${w}`,
              state: 'deploying',
              apps: Array.from({ length: options.apps ?? 2 }, (_, a) => ({
                id: `app:${key}-${w}-${a}`,
                state: options.appState ?? 'pending',
              })),
            },
          ],
        },
      ],
    })),
  };
}
