/**
 * The tables both engines keep, as their rows come back, and how each becomes what the contract returns.
 * SQLite and PostgreSQL name every column alike, so the mapping is written once; only the SQL that reads
 * and writes the rows is each engine's own (its dialect, its locks, its way of batching). Where the two
 * return a column differently (SQLite has no boolean: 0 or 1), the mapping takes either.
 */
import type { Role } from '@runsheet/protocol';
import type {
  AuditAction,
  AuditRow,
  FrozenReleaseRow,
  HistoryAttestation,
  SessionRow,
  TokenRow,
  UserChangeSet,
  UserRow,
  WebhookDeliveryRow,
  WebhookRow,
} from './contract.ts';

/** SQLite answers a boolean column with 0 or 1, PostgreSQL with false or true. */
type Flag = boolean | number;

export interface UserDbRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  created_at: number;
  disabled_at: number | null;
}

export const userFromRow = (row: UserDbRow): UserRow => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  passwordHash: row.password_hash,
  role: row.role,
  createdAt: row.created_at,
  disabledAt: row.disabled_at,
});

/** Column names by field; the only names an UPDATE of a user is ever built from (never from input). */
export const USER_COLUMNS: Record<keyof UserChangeSet, string> = {
  displayName: 'display_name',
  role: 'role',
  disabledAt: 'disabled_at',
  passwordHash: 'password_hash',
};

export interface SessionDbRow {
  id_hash: Buffer;
  user_id: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
}

export const sessionFromRow = (row: SessionDbRow): SessionRow => ({
  idHash: row.id_hash,
  userId: row.user_id,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  lastSeenAt: row.last_seen_at,
});

export interface TokenDbRow {
  id: string;
  name: string;
  user_id: string;
  secret_hash: Buffer;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export const tokenFromRow = (row: TokenDbRow): TokenRow => ({
  id: row.id,
  name: row.name,
  userId: row.user_id,
  secretHash: row.secret_hash,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

export interface AuditDbRow {
  id: number;
  at: number;
  user_id: string | null;
  username: string | null;
  auth: string;
  action: AuditAction;
  entity: string;
  method: string | null;
  path: string | null;
  status: number | null;
  ip: string;
  user_agent: string;
  bytes: number | null;
  sha256: string | null;
  detail: string | null;
}

export const auditFromRow = (r: AuditDbRow): AuditRow => ({
  id: r.id,
  at: r.at,
  userId: r.user_id,
  username: r.username,
  auth: r.auth,
  action: r.action,
  entity: r.entity,
  method: r.method,
  path: r.path,
  status: r.status,
  ip: r.ip,
  userAgent: r.user_agent,
  bytes: r.bytes,
  sha256: r.sha256,
  detail: r.detail,
});

export interface AttestationDbRow {
  room: string;
  entry_id: string;
  user_id: string | null;
  username: string | null;
  claimed_by: string;
  at: string | number;
}

export const attestationFromRow = (r: AttestationDbRow): HistoryAttestation => ({
  room: r.room,
  entryId: r.entry_id,
  userId: r.user_id,
  username: r.username,
  claimedBy: r.claimed_by,
  at: Number(r.at),
});

export interface WebhookDbRow {
  id: string;
  url: string;
  events: string;
  description: string;
  secret: string;
  enabled: Flag;
  created_at: number;
  created_by: string | null;
}

export const webhookFromRow = (row: WebhookDbRow): WebhookRow => ({
  id: row.id,
  url: row.url,
  events: JSON.parse(row.events) as string[],
  description: row.description,
  secret: row.secret,
  enabled: Boolean(row.enabled),
  createdAt: row.created_at,
  createdBy: row.created_by,
});

export interface DeliveryDbRow {
  id: number;
  webhook_id: string;
  event_id: string;
  event_type: string;
  attempt: number;
  status: number | null;
  error: string | null;
  ok: Flag;
  duration_ms: number;
  at: number;
}

export const deliveryFromRow = (row: DeliveryDbRow): WebhookDeliveryRow => ({
  id: row.id,
  webhookId: row.webhook_id,
  eventId: row.event_id,
  eventType: row.event_type,
  attempt: row.attempt,
  status: row.status,
  error: row.error,
  ok: Boolean(row.ok),
  durationMs: row.duration_ms,
  at: row.at,
});

export interface FrozenDbRow {
  release_id: string;
  hash: string;
  bytes: Buffer;
  seq: number | string;
  frozen_at: number | string;
}

export const frozenFromRow = (row: FrozenDbRow): FrozenReleaseRow => ({
  releaseId: row.release_id,
  hash: row.hash,
  bytes: new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength),
  seq: Number(row.seq),
  frozenAt: Number(row.frozen_at),
});
