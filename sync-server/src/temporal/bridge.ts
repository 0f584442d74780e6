/**
 * Polls Temporal and mirrors the release workflows into the `temporal` document. Read-only by
 * construction: it holds a TemporalReader (list, describe, query) and nothing else.
 *
 * Each poll: list the workflows of the type; describe the ones that may have changed; query only those
 * whose history grew or whose status changed (a query answer is a function of the history, so an unchanged
 * history means an unchanged answer); write what differs. When Temporal cannot be reached, the mirror keeps
 * its last state and says so (`error`, and `lastSuccessAt` ages), so every device shows it as stale.
 */
import { EventEmitter } from 'node:events';
import type { TemporalReleaseRecord } from '@runsheet/doc';
import type { TemporalConfig } from './config.ts';
import { parseHierarchy } from './hierarchy.ts';
import type { TemporalMirror } from './mirror.ts';
import type { TemporalReader, WorkflowSummary } from './reader.ts';

export interface PollReport {
  ok: boolean;
  error: string | null;
  listed: number;
  described: number;
  queried: number;
  /** Workflows whose record or hierarchy was written. */
  changed: number;
  removed: number;
}

export interface BridgeEvents {
  polled: [report: PollReport];
}

/** How many workflows are described / queried at once. */
const CONCURRENCY = 4;
/** A closed workflow whose query failed (no worker left, say) is asked again this rarely. */
const CLOSED_QUERY_RETRY_MS = 60_000;

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(workers);
}

export class TemporalBridge extends EventEmitter<BridgeEvents> {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<PollReport> | null = null;
  private stopped = false;
  private readonly retryQueryAt = new Map<string, number>();

  constructor(
    private readonly reader: TemporalReader,
    readonly mirror: TemporalMirror,
    private readonly config: Pick<TemporalConfig, 'workflowType' | 'queryName' | 'pollMs'>,
    private readonly log: Pick<Console, 'warn'> = console,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  /** Polls now, then `pollMs` after each poll ends (polls never overlap). */
  start(): void {
    this.stopped = false;
    const loop = () => {
      this.timer = null;
      if (this.stopped) return;
      this.poll().finally(() => {
        if (!this.stopped) {
          this.timer = setTimeout(loop, this.config.pollMs);
          this.timer.unref();
        }
      });
    };
    loop();
  }

  /** One poll; a poll already running is joined rather than doubled. */
  poll(): Promise<PollReport> {
    this.running ??= this.pollOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pollOnce(): Promise<PollReport> {
    const report: PollReport = {
      ok: false,
      error: null,
      listed: 0,
      described: 0,
      queried: 0,
      changed: 0,
      removed: 0,
    };
    const attemptAt = new Date(this.now()).toISOString();
    let summaries: WorkflowSummary[];
    try {
      summaries = await this.reader.list(this.config.workflowType);
    } catch (error) {
      report.error = `Temporal cannot be reached: ${messageOf(error)}`;
      if (this.mirror.status.error === null) this.log.warn(report.error);
      await this.storeStatus({ lastAttemptAt: attemptAt, error: report.error });
      this.emit('polled', report);
      return report;
    }

    // Several runs of one workflow id (re-runs, continue-as-new): the newest run is the release.
    const latest = new Map<string, WorkflowSummary>();
    for (const s of summaries) {
      const seen = latest.get(s.workflowId);
      if (seen === undefined || (s.startTime ?? '') > (seen.startTime ?? '')) latest.set(s.workflowId, s);
    }
    report.listed = latest.size;

    const failures: string[] = [];
    await eachLimited([...latest.values()], CONCURRENCY, async (summary) => {
      try {
        await this.refresh(summary, report);
      } catch (error) {
        failures.push(`${summary.workflowId}: ${messageOf(error)}`);
      }
    });

    const gone = this.mirror.workflowIds().filter((id) => !latest.has(id));
    if (gone.length > 0) {
      try {
        await this.mirror.remove(gone);
      } catch (error) {
        failures.push(`removing ${gone.length} workflow(s): ${messageOf(error)}`);
      }
      for (const id of gone) this.retryQueryAt.delete(id);
      report.removed = gone.length;
    }
    report.ok = failures.length === 0;
    report.error = report.ok ? null : `${failures.length} workflow(s) could not be read: ${failures[0]}`;
    await this.storeStatus(
      report.ok
        ? { lastSuccessAt: attemptAt, lastAttemptAt: attemptAt, error: null }
        : { lastAttemptAt: attemptAt, error: report.error },
    );
    this.emit('polled', report);
    return report;
  }

  /** The mirror keeps the status in memory whatever happens; storing it may fail, which is only logged. */
  private async storeStatus(patch: Parameters<TemporalMirror['setStatus']>[0]): Promise<void> {
    try {
      await this.mirror.setStatus(patch);
    } catch (error) {
      this.log.warn(`Could not store the Temporal mirror's status: ${messageOf(error)}`);
    }
  }

  /** Describes one workflow and queries it only when its history or status changed. */
  private async refresh(listed: WorkflowSummary, report: PollReport): Promise<void> {
    const known = this.mirror.get(listed.workflowId)?.record;
    const sameRun = known?.runId === listed.runId;
    const settled = known !== undefined && known.queriedAt !== null && known.queryError === null;
    // A closed workflow's history never changes again: once queried after closing, nothing to do.
    if (sameRun && settled && known.workflowStatus !== 'RUNNING' && known.workflowStatus === listed.status)
      return;

    const described = await this.reader.describe(listed.workflowId, listed.runId);
    report.described++;
    const unchanged =
      sameRun &&
      settled &&
      described.historyLength === known.historyLength &&
      described.status === known.workflowStatus;
    if (unchanged) return;
    if (sameRun && known?.queryError != null && described.status !== 'RUNNING') {
      const retryAt = this.retryQueryAt.get(listed.workflowId) ?? 0;
      if (this.now() < retryAt && described.historyLength === known.historyLength) return;
    }

    const base: TemporalReleaseRecord = {
      id: (sameRun ? known?.id : undefined) ?? `release:${listed.workflowId}`,
      workflowId: described.workflowId,
      runId: described.runId,
      workflowStatus: described.status,
      state: sameRun ? (known?.state ?? null) : null,
      startTime: described.startTime,
      closeTime: described.closeTime,
      historyLength: described.historyLength,
      queriedAt: sameRun ? (known?.queriedAt ?? null) : null,
      queryError: null,
      entityCount: sameRun ? (known?.entityCount ?? 0) : 0,
      problems: sameRun ? (known?.problems ?? []) : [],
    };
    let answer: unknown;
    try {
      report.queried++;
      answer = await this.reader.query(described.workflowId, described.runId, this.config.queryName);
    } catch (error) {
      this.retryQueryAt.set(listed.workflowId, this.now() + CLOSED_QUERY_RETRY_MS);
      await this.mirror.put({ ...base, queryError: messageOf(error) }, sameRun ? undefined : []);
      report.changed++;
      return;
    }
    this.retryQueryAt.delete(listed.workflowId);
    const parsed = parseHierarchy(answer);
    await this.mirror.put(
      {
        ...base,
        id: parsed.releaseId ?? base.id,
        state: parsed.releaseState,
        queriedAt: new Date(this.now()).toISOString(),
        entityCount: parsed.entities.length,
        problems: parsed.problems,
      },
      parsed.entities,
    );
    report.changed++;
  }

  /** Closes the connection to Temporal (after `stop`). */
  closeReader(): Promise<void> {
    return this.reader.close();
  }

  /** Stops polling and waits for a poll in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }
}
