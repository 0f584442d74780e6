import type { IncomingMessage } from 'node:http';
import type { Principal } from '../auth/auth.ts';
import type { AuditAction, AuditEntry, AuditStore, HistoryAttestation } from '../storage/contract.ts';

/** User agents are free text from the client: kept, but bounded. */
const MAX_USER_AGENT = 512;
const MAX_ENTITY = 200;
const MAX_PATH = 1024;

export interface AccessFacts {
  principal: Principal;
  action: AuditAction;
  entity: string;
  /** The client address as the server decided it (TRUST_PROXY aware). */
  ip: string;
  req: IncomingMessage;
  status?: number | null;
}

interface Waiting {
  entries: readonly AuditEntry[];
  attestations: readonly HistoryAttestation[];
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Records accesses to release information. It fails closed: callers answer only once the row is written,
 * so nobody reads release information that the log does not show (the API answers 500 instead, the relay
 * closes the socket with INTERNAL_ERROR).
 *
 * Rows are group-committed: `commit` queues the row and the queue is written in ONE transaction at the end
 * of the event-loop turn (setImmediate runs after the poll phase, i.e. after every request that arrived in
 * this turn has been handled), instead of one commit per request. While a batch is being written (a round
 * trip to PostgreSQL), the next one gathers; batches are written one at a time, so ids keep the order in
 * which accesses were decided. Each caller goes on only after its promise resolves; if the transaction
 * fails, no row of the batch is written and every promise of the batch rejects, so none of those requests
 * is answered with data.
 */
export class AccessAudit {
  private queue: Waiting[] = [];
  private writing = false;
  private scheduled = false;

  constructor(
    readonly store: AuditStore,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Queues the row; resolves once it is committed together with the rest of its batch, rejects when that
   * commit failed. The time is taken now, when the access is decided, not at the commit.
   */
  commit(facts: AccessFacts): Promise<void> {
    return this.append([this.entryOf(facts)]);
  }

  /**
   * Queues rows made elsewhere (the write audit, SE-11) and attestations into the same batches; resolves
   * and rejects as `commit` does.
   */
  append(entries: readonly AuditEntry[], attestations: readonly HistoryAttestation[] = []): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ entries, attestations, resolve, reject });
      this.schedule();
    });
  }

  /** A room join is recorded like any other access: the relay lets the socket in once this resolves. */
  record(facts: AccessFacts): Promise<void> {
    return this.commit(facts);
  }

  private schedule(): void {
    if (this.scheduled || this.writing || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  /** Writes every queued row in one transaction and settles their promises; never rejects. */
  private async flush(): Promise<void> {
    const batch = this.queue;
    if (batch.length === 0 || this.writing) return;
    this.queue = [];
    this.writing = true;
    try {
      await this.store.appendMany(
        batch.flatMap((w) => w.entries),
        batch.flatMap((w) => w.attestations),
      );
      for (const w of batch) w.resolve();
    } catch (error) {
      for (const w of batch) w.reject(error);
    } finally {
      this.writing = false;
      this.schedule();
    }
  }

  private entryOf(facts: AccessFacts): AuditEntry {
    const { principal, req } = facts;
    const userAgent = req.headers['user-agent'] ?? '';
    return {
      at: this.now(),
      userId: principal.user.id,
      username: principal.user.username,
      auth: principal.kind,
      action: facts.action,
      entity: facts.entity.slice(0, MAX_ENTITY),
      method: facts.action === 'sync.join' ? null : (req.method ?? null),
      path: facts.action === 'sync.join' ? null : (req.url ?? '').slice(0, MAX_PATH),
      status: facts.status ?? null,
      ip: facts.ip,
      userAgent: userAgent.slice(0, MAX_USER_AGENT),
    };
  }
}
