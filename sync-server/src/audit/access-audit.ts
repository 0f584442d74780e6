import type { IncomingMessage } from 'node:http';
import type { Principal } from '../auth/auth.ts';
import type { AuditAction, AuditStore } from './audit-store.ts';

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

/**
 * Records accesses to release information. It fails closed: `record` throws when the row cannot be
 * written, and callers record BEFORE they answer, so nobody reads release information that the log does
 * not show (the API answers 500 instead, the relay closes the socket with INTERNAL_ERROR).
 */
export class AccessAudit {
  constructor(
    readonly store: AuditStore,
    private readonly now: () => number = Date.now,
  ) {}

  record(facts: AccessFacts): void {
    const { principal, req } = facts;
    const userAgent = req.headers['user-agent'] ?? '';
    this.store.append({
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
    });
  }
}
