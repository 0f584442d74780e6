/**
 * Why the relay closed a WebSocket. Codes live in the private range 4000-4999 (RFC 6455) and follow the
 * stock y-websocket client's convention:
 * - 4400-4499 mirror HTTP 4xx: reconnecting cannot help, so the stock client stops retrying and emits
 *   `closed` (the app then asks the user to sign in again, or shows the error);
 * - every other code is transient: the client reconnects with backoff. 4500-4599 mirror HTTP 5xx and 429.
 * The reason string sent with each close is the lower-case key, e.g. `rate-limited`.
 */
export const CloseCode = {
  /** A frame that is not a valid y-websocket message: random bytes, truncated varint, unknown type, text frame. */
  MALFORMED_MESSAGE: 4400,
  /** No credentials, or ones that were never valid (forged or unknown token). */
  UNAUTHORIZED: 4401,
  /** The room name is not `catalog` or `release:<id>`, or the user may not open it. */
  FORBIDDEN_ROOM: 4403,
  /**
   * A release room the catalog does not list, asked for by someone who may write (SE-04). Transient: a
   * release made offline reaches the catalog moments after its room is asked for, and the retry gets in.
   * A viewer is refused such a room with FORBIDDEN_ROOM.
   */
  UNKNOWN_ROOM: 4504,
  /**
   * A frame larger than `limits.maxFrameBytes`, or a first sync step 2 whose structure needs more than the
   * relay's large update worker may hold to decode it (SE-01d).
   */
  FRAME_TOO_LARGE: 4413,
  /**
   * An incremental update (or a sync step 2 after the first) larger than `limits.maxUpdateBytes`, refused
   * from its frame header (SE-14); a viewer's frame over that size too, after a `read-only` notice.
   * Transient on purpose: the client reconnects and its first sync step 2, which may be as large as a
   * frame, carries the change (a viewer's app answers with an empty one).
   */
  UPDATE_TOO_LARGE: 4514,
  /** The session expired, was signed out, or the token was revoked or the user disabled while connected. */
  SESSION_EXPIRED: 4440,
  /** The server could not load or store the room (disk full, corrupt file). Retry later. */
  INTERNAL_ERROR: 4500,
  /** The server is stopping or restarting. Retry with backoff; the state is safely stored. */
  SERVER_SHUTDOWN: 4503,
  /**
   * The client did not read what it was sent and more than `limits.maxBufferedBytes` waited for it. The
   * socket is dropped at once (its queue freed), so this code is what the relay logs and reports; the
   * client sees an abnormal close and reconnects, catching up from its state vector.
   */
  TOO_SLOW: 4508,
  /**
   * The server holds as many WebSocket connections as it allows, overall or from this address
   * (RELAY_MAX_CONNECTIONS, RELAY_MAX_CONNECTIONS_PER_ADDRESS). Transient: retry with backoff.
   */
  TOO_MANY_CONNECTIONS: 4530,
  /** More messages than `limits.maxMessagesPerSecond` allows. Transient: the client may retry after backoff. */
  RATE_LIMITED: 4529,
  /**
   * A first sync step 2 larger than `limits.maxUpdateBytes` (a device uploading a whole document the relay
   * lacks) while the account's large sync budget is in debt from the last one (SE-01). Transient: the app
   * waits `LARGE_SYNC_RETRY_MS` before it reconnects and uploads again, and says why meanwhile.
   */
  LARGE_SYNC_PACED: 4531,
  /**
   * An update that refers to structs the room does not hold yet (SE-15): Yjs would keep it waiting and
   * integrate it inside whichever later write supplies them. An honest client can send one only in the
   * moment after it reconnects, before its first sync step 2 (which carries everything the relay lacks)
   * has gone out. Transient: the client reconnects, and that sync step 2 carries the change.
   */
  UPDATE_AHEAD: 4532,
} as const;

export type CloseCodeName = keyof typeof CloseCode;
export type CloseCodeValue = (typeof CloseCode)[CloseCodeName];

/** The close reason sent on the wire: `MALFORMED_MESSAGE` -> `malformed-message`. */
export function closeReason(name: CloseCodeName): string {
  return name.toLowerCase().replaceAll('_', '-');
}

/** True for codes the stock client treats as final (it stops reconnecting). */
export function isPermanent(code: number): boolean {
  return code >= 4400 && code < 4500;
}

/**
 * How long the app waits to reconnect after LARGE_SYNC_PACED, rather than the stock client's backoff of
 * at most 2.5 s (each retry sends the whole upload again). The server's budget refills 1 MB a minute by
 * default, so a retry a minute later gets a few-MB upload through within a few tries.
 */
export const LARGE_SYNC_RETRY_MS = 60_000;

/** Closes after which only signing in again helps: the app asks the server who is signed in. */
export const CREDENTIAL_CLOSE_CODES: ReadonlySet<number> = new Set<number>([
  CloseCode.UNAUTHORIZED,
  CloseCode.SESSION_EXPIRED,
]);
