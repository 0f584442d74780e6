/**
 * The storage contract: everything the server keeps, behind one asynchronous interface with two engines,
 * SQLite (embedded, the default) and PostgreSQL (`DATABASE_URL=postgres://…`, for several relays). The
 * rest of the server sees only these types; `test/storage-contract.ts` runs one suite against both engines.
 *
 * Asynchronous because PostgreSQL is a network round trip away. The SQLite engine answers from
 * better-sqlite3's synchronous calls with promises that are already settled.
 */
import type { Role } from '@runsheet/protocol';

/** One stored Yjs update of a room and its sequence number in that room. */
export interface StoredUpdate {
  seq: number;
  data: Uint8Array;
}

/** What a relay needs to load a room: every stored update in order, and the newest sequence number. */
export interface LoadedRoom {
  updates: Uint8Array[];
  /** The room's sequence number at the time of the read (0 for a room never written). */
  lastSeq: number;
}

/**
 * Yjs updates per room (documents, and the Temporal mirror's `temporal` room).
 *
 * Sequence numbers are per room, start at 1 and have no gaps: `append` of n updates takes the next n
 * numbers, and appends that commit later get higher numbers. A relay that holds a room up to seq k and
 * hears of seq k+2 knows that it misses k+1, and `since(room, k)` gives it everything after k.
 */
export interface RoomStore {
  load(room: string): Promise<LoadedRoom>;
  /** Every stored update with a sequence number above `afterSeq`, oldest first (after a compaction that
   *  passed `afterSeq`, the merged row comes first: it holds everything up to its number). */
  since(room: string, afterSeq: number): Promise<StoredUpdate[]>;
  /**
   * Appends updates durably, in order, in one transaction (committed when the promise resolves). Returns
   * the sequence number of the last; the first is `last - updates.length + 1`.
   */
  append(room: string, updates: readonly Uint8Array[]): Promise<number>;
  /**
   * Replaces the room's updates with numbers up to and including `throughSeq` by `merged`, which must hold
   * all of them, stored under `throughSeq`. Resolves false (and changes nothing) when another relay is
   * compacting the same room right now: compaction is never urgent, the next one will do.
   */
  compact(room: string, merged: Uint8Array, throughSeq: number): Promise<boolean>;
  /** How many rows the room has; compaction keeps this small. */
  count(room: string): Promise<number>;
  /**
   * The newest sequence number of each of `rooms` (rooms never written are left out), in one read: a relay
   * compares them with what it holds to find updates it was never told of (Redis away, a message lost).
   */
  heads(rooms: readonly string[]): Promise<Map<string, number>>;
}

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  createdAt: number;
  /** null while the account is active. */
  disabledAt: number | null;
}

export type UserChangeSet = Partial<Pick<UserRow, 'displayName' | 'role' | 'disabledAt' | 'passwordHash'>>;

export type UserUpdate =
  | { ok: true; user: UserRow }
  | { ok: false; reason: 'not-found' }
  /** The change would leave no active admin (only when `keepAnActiveAdmin` was asked for). */
  | { ok: false; reason: 'last-admin' };

export class UsernameTakenError extends Error {
  override name = 'UsernameTakenError';
}

export interface UserStore {
  count(): Promise<number>;
  countActiveAdmins(): Promise<number>;
  byId(id: string): Promise<UserRow | undefined>;
  byUsername(username: string): Promise<UserRow | undefined>;
  list(): Promise<UserRow[]>;
  /**
   * Inserts a user; throws `UsernameTakenError` when the username exists. With `onlyIfNone` the check
   * "no user exists yet" and the insert are one atomic step (two racing first-run requests, on one relay
   * or two, cannot both create an admin): resolves false, inserting nothing, when a user exists.
   */
  insert(user: UserRow, options?: { onlyIfNone?: boolean }): Promise<boolean>;
  /**
   * Applies the changes atomically. With `keepAnActiveAdmin`, refuses (changing nothing) a change after
   * which no active admin would be left; concurrent updates are serialised so two admins demoting each
   * other at once cannot both succeed.
   */
  update(id: string, changes: UserChangeSet, options?: { keepAnActiveAdmin?: boolean }): Promise<UserUpdate>;
}

export interface SessionRow {
  /** SHA-256 of the cookie's secret. */
  idHash: Buffer;
  userId: string;
  createdAt: number;
  expiresAt: number;
  lastSeenAt: number;
}

export interface SessionStore {
  insert(session: SessionRow): Promise<void>;
  byHash(idHash: Buffer): Promise<SessionRow | undefined>;
  touch(idHash: Buffer, lastSeenAt: number, expiresAt: number): Promise<void>;
  delete(idHash: Buffer): Promise<void>;
  deleteForUser(userId: string): Promise<void>;
  deleteExpired(now: number): Promise<number>;
}

export interface TokenRow {
  id: string;
  name: string;
  userId: string;
  /** SHA-256 of the secret shown once at creation. */
  secretHash: Buffer;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface TokenStore {
  insert(token: TokenRow): Promise<void>;
  byId(id: string): Promise<TokenRow | undefined>;
  bySecretHash(secretHash: Buffer): Promise<TokenRow | undefined>;
  listForUser(userId: string): Promise<TokenRow[]>;
  listAll(): Promise<TokenRow[]>;
  markUsed(id: string, at: number): Promise<void>;
  revoke(id: string, at: number): Promise<void>;
}

/**
 * What was done: read through the REST API, changed through it, a sync room joined, a document changed
 * over sync (SE-11), or a history entry received from someone other than the actor it names (SE-11).
 */
export const AUDIT_ACTIONS = [
  'api.read',
  'api.write',
  'sync.join',
  'sync.write',
  'history.actor-mismatch',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One access to release information (FR-014): who, what, when, from where. */
export interface AuditEntry {
  /** Unix milliseconds. */
  at: number;
  userId: string | null;
  username: string | null;
  /** How the person proved who they are: `session`, `token` or `open` (open mode). */
  auth: string;
  action: AuditAction;
  /** The entity or collection read: `release:…`, `wave:…`, `releases`, `temporal`, a room name. */
  entity: string;
  method: string | null;
  path: string | null;
  /** The HTTP status answered; null for sync joins. */
  status: number | null;
  ip: string;
  userAgent: string;
  /** `sync.write`: the update's size in bytes (absent: null). */
  bytes?: number | null;
  /** `sync.write`: SHA-256 of the update, hex. */
  sha256?: string | null;
  /** A small JSON object with what the row's action needs (log entries of a write, a mismatch's claim). */
  detail?: string | null;
}

export interface AuditRow extends AuditEntry {
  id: number;
  bytes: number | null;
  sha256: string | null;
  detail: string | null;
}

/**
 * SE-11: the server's record of who sent it a history entry: the signed-in user a relay received the
 * entry from, whatever actor the entry names. Written once per entry (the first receipt), never changed.
 */
export interface HistoryAttestation {
  /** The room, `release:…`. */
  room: string;
  /** The event id of the entry. */
  entryId: string;
  userId: string | null;
  username: string | null;
  /** The actor id the entry names, as it named it. */
  claimedBy: string;
  /** Unix ms of the receipt. */
  at: number;
}

export interface AuditFilter {
  /** A user id or a username. */
  user?: string | undefined;
  entity?: string | undefined;
  /** Unix ms, inclusive. */
  since?: number | undefined;
  /** Unix ms, exclusive. */
  until?: number | undefined;
  /** Only rows older than this id (the cursor: newest first). */
  beforeId?: number | undefined;
  limit: number;
}

/**
 * The access log. There is deliberately no update or delete: the table is append-only, and each engine
 * refuses UPDATE and DELETE (and TRUNCATE) from any other path too, in the database itself.
 */
export interface AuditStore {
  /**
   * Appends every entry, and every attestation not recorded yet (an entry's first receipt wins), in one
   * transaction: all of them are written, or (it rejects) none.
   */
  appendMany(entries: readonly AuditEntry[], attestations?: readonly HistoryAttestation[]): Promise<void>;
  /** Newest first. */
  query(filter: AuditFilter): Promise<AuditRow[]>;
  /** SE-11: every attestation of a room's history entries, in the order they were received. */
  attestations(room: string): Promise<HistoryAttestation[]>;
}

/** An outgoing webhook (WH-01). The secret is kept as given: the server needs it to sign every request. */
export interface WebhookRow {
  id: string;
  url: string;
  /** The event types it hears, in the order the admin chose them. */
  events: string[];
  description: string;
  secret: string;
  enabled: boolean;
  createdAt: number;
  /** The admin's user id; null in open mode. */
  createdBy: string | null;
}

/** One attempt to deliver one event to one webhook (WH-06). */
export interface WebhookDeliveryEntry {
  webhookId: string;
  eventId: string;
  eventType: string;
  /** 1 for the first try. */
  attempt: number;
  /** The receiver's HTTP status, or null when none came (timeout, refused connection, queue full). */
  status: number | null;
  error: string | null;
  ok: boolean;
  durationMs: number;
  /** Unix ms when the attempt started. */
  at: number;
}

export interface WebhookDeliveryRow extends WebhookDeliveryEntry {
  id: number;
}

/**
 * A delivery still to be made (WH-10): one per (webhook, event), kept in storage until an attempt succeeds
 * or the attempts run out, so a restart or another relay carries on where the last attempt left off.
 */
export interface WebhookJob {
  /** Runsheet-Delivery: the same on every attempt. */
  deliveryId: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  /** The event's JSON, exactly as it is signed and sent on every attempt. */
  body: string;
  /** The number the next attempt gets (1 for the first). */
  attempt: number;
  /** Unix ms: not sent before this (the backoff of the last failure). */
  dueAt: number;
  createdAt: number;
}

export type WebhookEnqueue = 'queued' | 'claimed-before' | 'queue-full';

export interface WebhookTake {
  now: number;
  /** Who takes them (one per dispatcher): only the owner may finish a job while its lease lasts. */
  owner: string;
  /** Unix ms the lease ends: after it, a job whose attempt never finished (a crash) is taken again. */
  leaseUntil: number;
  /** Jobs to take at most. */
  limit: number;
  /** At most this many jobs of one webhook in flight at once (WH-06)... */
  perWebhook: number;
  /** ...counting the ones the taker has in flight already, and every lease that has not ended (any taker's). */
  busy: ReadonlyMap<string, number>;
}

/** How an attempt ended: its delivery log row, and when to try again (null: never, the job is done). */
export interface WebhookOutcome {
  entry: WebhookDeliveryEntry;
  retryAt: number | null;
}

export interface WebhookStore {
  insert(webhook: WebhookRow): Promise<void>;
  byId(id: string): Promise<WebhookRow | undefined>;
  /** Oldest first. */
  list(): Promise<WebhookRow[]>;
  /** False when there is no such webhook. */
  setEnabled(id: string, enabled: boolean): Promise<boolean>;
  /** Deletes the webhook, its claims and its delivery log; false when there was none. */
  delete(id: string): Promise<boolean>;
  /**
   * WH-04: records that event `eventId` is sent to `webhookId`. Resolves true for the first claim only,
   * atomically across connections and relays: an event derived twice (two relays, a replayed update, a
   * restart) is sent once.
   */
  claimEvent(webhookId: string, eventId: string, at: number): Promise<boolean>;
  appendDelivery(entry: WebhookDeliveryEntry): Promise<void>;
  /**
   * WH-10: queues `job`, in one transaction with its claim when `claim` is set (WH-04; the test event is
   * not claimed): 'claimed-before' (nothing queued) when the event was claimed for the webhook already,
   * 'queue-full' (claimed, not queued) when `maxQueue` jobs wait already.
   */
  enqueue(
    job: WebhookJob,
    options: { claim: boolean; maxQueue: number; at: number },
  ): Promise<WebhookEnqueue>;
  /**
   * WH-10, WH-11: leases due jobs (oldest due first) that nobody holds, or whose lease ended, to
   * `take.owner` until `take.leaseUntil`. Atomic across relays: a job is leased to one taker at a time.
   */
  take(take: WebhookTake): Promise<WebhookJob[]>;
  /**
   * Records how an attempt of a leased job ended, in one transaction: its delivery log row (when given),
   * then the job deleted (`retryAt` null, or no outcome: the webhook was disabled or deleted) or put back
   * for attempt + 1 at `retryAt`. False (the log row still written) when the lease was no longer the
   * owner's: the job is someone else's now, and is left as it is.
   */
  finish(deliveryId: string, owner: string, outcome: WebhookOutcome | null): Promise<boolean>;
  /** Gives a leased job back untouched (taken, but no attempt made): due again at once. */
  release(deliveryId: string, owner: string): Promise<void>;
  /** Jobs queued (leased or not), and the earliest time one not leased is due (null: none). */
  queued(): Promise<{ count: number; nextDueAt: number | null }>;
  /** Newest first; `beforeId` is the cursor (rows with a smaller id). */
  deliveries(
    webhookId: string,
    options: { limit: number; beforeId?: number | undefined },
  ): Promise<WebhookDeliveryRow[]>;
}

/**
 * FZ-06: the frozen snapshot of an archived release (packages/doc `freezeRelease`), as the relay keeps it:
 * the bytes, their content hash (`frozenHash`, hex SHA-256) and when it was written. One row per archived
 * release; a later freeze of the same release replaces it, unarchiving deletes it.
 */
export interface FrozenReleaseRow {
  releaseId: string;
  hash: string;
  bytes: Uint8Array;
  /** The room's sequence number (DB-01) up to which the document it was frozen from held every update. */
  seq: number;
  /** Unix ms. */
  frozenAt: number;
}

export interface FrozenStore {
  /**
   * Inserts, or replaces the release's snapshot (a late change refreezes it, FZ-05), unless the stored
   * one covers a higher sequence number (a relay that was behind must not undo a newer freeze).
   * Resolves whether it was written.
   */
  put(row: FrozenReleaseRow): Promise<boolean>;
  get(releaseId: string): Promise<FrozenReleaseRow | undefined>;
  /** The snapshot's hash alone (the bytes are large): to tell whether a copy is still current. */
  hash(releaseId: string): Promise<string | undefined>;
  /** False when there was none. */
  delete(releaseId: string): Promise<boolean>;
  /** Every snapshot's release, hash and sequence number, to compare with the catalog and rooms at start. */
  list(): Promise<Array<{ releaseId: string; hash: string; seq: number }>>;
}

/** Everything the server keeps. */
export interface Storage {
  readonly engine: 'sqlite' | 'postgres';
  /** For logs: the file, or the database URL without its password. */
  readonly description: string;
  readonly rooms: RoomStore;
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly tokens: TokenStore;
  readonly audit: AuditStore;
  readonly webhooks: WebhookStore;
  readonly frozen: FrozenStore;
  /** Resolves when the engine answers a trivial query (readiness); rejects when it cannot be reached. */
  ping(): Promise<void>;
  /** Flushes and closes; safe to call twice. */
  close(): Promise<void>;
}
