import type { Role } from '@runsheet/protocol';

export type { Role };

/** The outcome of checking a connection's credential again while it is open. */
export type Recheck =
  | { status: 'valid'; role: Role }
  /** The session reached its end or was signed out: close with SESSION_EXPIRED. */
  | { status: 'expired' }
  /** The token was revoked or the user disabled: close with UNAUTHORIZED. */
  | { status: 'revoked' };

/**
 * Who is on a connection, decided at the upgrade by the auth layer. The relay knows nothing of users,
 * sessions or tokens: it reads the role and calls `recheck` every `limits.authRecheckMs`.
 */
export interface Identity {
  /** For logs only, e.g. `user:ada (session)`. */
  readonly label: string;
  /**
   * The account whose message budget the connection spends (`limits.maxMessagesPerSecondPerUser`, shared
   * by all its connections); absent in open mode, where everyone is one built-in user.
   */
  readonly account?: string;
  readonly role: Role;
  /** Who the connection is in presence, stamped by the relay on every state it sends (SE-05); absent in open mode. */
  readonly presence?: { id: string; name: string };
  /** Who the write audit names for this connection's writes (SE-11), taken at the upgrade; absent in tests of the relay alone. */
  readonly auditAs?: AuditedAs;
  recheck(): Promise<Recheck>;
}

/** The signed-in person behind a connection as the audit records them (SE-11). */
export interface AuditedAs {
  userId: string | null;
  username: string | null;
  /** `session`, `token` or `open`. */
  auth: string;
  ip: string;
  userAgent: string;
}
