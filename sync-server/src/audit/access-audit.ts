import type { IncomingMessage } from 'node:http';
import type { Principal } from '../auth/auth.ts';
import type { AuditAction, AuditEntry, AuditStore } from './audit-store.ts';

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
  entry: AuditEntry;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Records accesses to release information. It fails closed: callers answer only once the row is written,
 * so nobody reads release information that the log does not show (the API answers 500 instead, the relay
 * closes the socket with INTERNAL_ERROR).
 *
 * Rows of API requests are group-committed: `commit` queues the row and the queue is written in ONE
 * transaction at the end of the event-loop turn (setImmediate runs after the poll phase, i.e. after every
 * request that arrived in this turn has been handled), instead of one commit per request. Each caller
 * answers only after its promise resolves; if the transaction fails, no row of the batch is written and
 * every promise of the batch rejects, so none of those requests is answered with data.
 */
export class AccessAudit {
  private queue: Waiting[] = [];

  constructor(
    readonly store: AuditStore,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Writes the row now, synchronously, and throws if it cannot (the relay decides a join on the spot).
   * Rows still queued are written first, so ids keep the order in which accesses happened.
   */
  record(facts: AccessFacts): void {
    this.flush();
    this.store.append(this.entryOf(facts));
  }

  /**
   * Queues the row; resolves once it is committed together with the rest of this turn's rows, rejects
   * when that commit failed. The time is taken now, when the access is decided, not at the commit.
   */
  commit(facts: AccessFacts): Promise<void> {
    const entry = this.entryOf(facts);
    return new Promise<void>((resolve, reject) => {
      if (this.queue.length === 0) setImmediate(() => this.flush());
      this.queue.push({ entry, resolve, reject });
    });
  }

  /** Writes every queued row in one transaction and settles their promises; never throws. */
  private flush(): void {
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    try {
      this.store.appendMany(batch.map((w) => w.entry));
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    for (const w of batch) w.resolve();
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
