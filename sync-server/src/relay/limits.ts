/**
 * Every limit the relay enforces, in one place. The server reads these once at start-up (env overrides in
 * `config.ts`); nothing else in the relay hard-codes a number.
 */
export interface RelayLimits {
  /**
   * Largest WebSocket frame accepted, in bytes. Bigger frames close the connection with FRAME_TOO_LARGE
   * before the payload is buffered. Only a writer's first sync step 2 may be this large: every other frame
   * is capped at `maxUpdateBytes` plus a header, per connection (SE-14, `Connection.capFrames`). A release
   * document of 1,000 customers is about 40 KB, and a fresh client's first sync step 2 carries the whole
   * document, so the default leaves room for large releases.
   */
  maxFrameBytes: number;
  /**
   * Sustained messages per second allowed on one connection (token bucket refill rate). Typing produces a
   * few updates a second; awareness adds about one more. A client far above this is broken or hostile.
   */
  maxMessagesPerSecond: number;
  /**
   * Burst size of the token bucket: how many messages a connection may send at once after being quiet.
   * A reconnecting client flushes its queued offline edits in one burst, so this is generous.
   */
  maxMessageBurst: number;
  /**
   * Sustained messages per second of one signed-in account, all its connections together (on every relay,
   * with several). Opening more tabs or reaching more relays does not buy a client more; a person with
   * several devices and a few documents open on each stays far below. Not applied in open mode.
   */
  maxMessagesPerSecondPerUser: number;
  /** Burst of that account-wide budget (a device reconnecting with its offline edits). */
  maxMessageBurstPerUser: number;
  /**
   * Largest Yjs update a client may send as an incremental update, or as a sync step 2 after the first one
   * of its connection. Typing and step actions make updates of a few hundred bytes; a bulk import of a
   * large release a few tens of KB. Larger ones are what a hostile client sends to make the relay decode a
   * huge structure: the connection closes (UPDATE_TOO_LARGE) and the honest client's reconnect carries the
   * change in its first sync step 2, which `maxFrameBytes` and the large sync budget below bound.
   */
  maxUpdateBytes: number;
  /**
   * SE-01: bytes per second of one account's large first sync steps 2 (those over `maxUpdateBytes`), all
   * its connections together (on every relay, with several). A large first step 2 is a device uploading a
   * whole document the relay lacks (a release made or imported offline, a relay restored from an old
   * backup): rare, and it costs the relay in proportion to its size (about 0.4 s of a core and 60 MB kept
   * for 1.7 MB of 100,000 map keys). The budget lets one through whenever it is not in debt, whatever
   * its size up to `maxFrameBytes`, and the debt then delays the next by its size over this rate (1.7 MB:
   * 107 s at 16 KB/s). Past it the connection closes with LARGE_SYNC_PACED. Not in open mode.
   */
  maxLargeSyncBytesPerSecondPerUser: number;
  /** Credit of that budget: an account may send large first steps 2 back to back while any is left. */
  maxLargeSyncBurstPerUser: number;
  /**
   * Sustained update bytes per second one connection may send (token bucket, `maxFrameBytes` of burst so a
   * first sync step 2 of a large release passes). Past it: RATE_LIMITED.
   */
  maxUpdateBytesPerSecond: number;
  /** The same for one account over all its connections (burst: twice `maxFrameBytes`). Not in open mode. */
  maxUpdateBytesPerSecondPerUser: number;
  /**
   * SE-16: how large one room's stored state may grow (its last compaction plus the updates stored since)
   * before clients' writes to it are refused (ROOM_FULL). The byte budgets above bound how fast a member
   * can fill a room, not how far: over a day at 2 MB/s a room would reach gigabytes, all of it loaded into
   * memory whenever the room is. The largest release the benchmarks use (1,000 customers x 50 steps, all
   * done) is 3.4 MB, so the default leaves it about twenty times the room. Near the cap the room is first
   * compacted (overwritten and deleted content shrinks), and only a room whose own document is that large
   * refuses writes. Reading it goes on; the devices keep their changes.
   */
  maxRoomBytes: number;
  /**
   * Largest awareness (presence) message a client may send. A tab's presence is a few hundred bytes;
   * thousands of fake peers in one frame are what a hostile client sends every newcomer. Past it the
   * connection closes (UPDATE_TOO_LARGE).
   */
  maxAwarenessBytes: number;
  /** Presence client ids one connection may announce (a tab has one); more are dropped. */
  maxPresencePerConnection: number;
  /**
   * How long a room with no connections stays in memory before it is compacted and unloaded. Short enough
   * that archived releases do not pile up in memory, long enough that a page reload reuses the loaded doc.
   */
  idleUnloadMs: number;
  /**
   * How often each open connection's session or API token is checked again, so a revoked token, a disabled
   * user or an expired session loses live access within this time rather than at the next reconnect.
   */
  authRecheckMs: number;
  /**
   * Stored updates per room after which they are merged into one. Appending is cheap and crash-safe;
   * merging keeps load time and disk use bounded. Rooms are also compacted when they unload.
   * A compaction encodes the whole document, on the path of the update that triggers it, so for a large
   * document it also waits until the bytes appended since the last one reach that last snapshot's size:
   * its cost is then spread over at least as many bytes of updates (amortised, like a log-structured
   * store), and a busy 8 MB release is not re-encoded every 500 small updates.
   */
  compactAfterUpdates: number;
  /**
   * Interval of WebSocket pings. A connection that has not answered the previous ping by the next one is
   * dropped, so half-open TCP connections (laptop lid closed, VPN dropped) do not hold rooms in memory.
   */
  pingIntervalMs: number;
  /**
   * Bytes the relay may hold queued for one connection that does not read them (a tablet on a stalled VPN
   * while others keep editing). Past this, the next frame for it is not queued: the socket is dropped and
   * its memory freed. Nothing is lost: the client reconnects and catches up from its state vector. One
   * frame may exceed it (a first sync of a large release), so it bounds memory at this plus one frame.
   */
  maxBufferedBytes: number;
}

export const DEFAULT_RELAY_LIMITS: Readonly<RelayLimits> = Object.freeze({
  maxFrameBytes: 16 * 1024 * 1024,
  maxMessagesPerSecond: 50,
  maxMessageBurst: 200,
  maxMessagesPerSecondPerUser: 200,
  maxMessageBurstPerUser: 1_000,
  maxUpdateBytes: 256 * 1024,
  maxLargeSyncBytesPerSecondPerUser: 16 * 1024,
  maxLargeSyncBurstPerUser: 1024 * 1024,
  maxAwarenessBytes: 16 * 1024,
  maxPresencePerConnection: 4,
  maxUpdateBytesPerSecond: 512 * 1024,
  maxUpdateBytesPerSecondPerUser: 2 * 1024 * 1024,
  maxRoomBytes: 64 * 1024 * 1024,
  idleUnloadMs: 60_000,
  authRecheckMs: 60_000,
  compactAfterUpdates: 500,
  pingIntervalMs: 30_000,
  maxBufferedBytes: 32 * 1024 * 1024,
});
