/**
 * What the relay needs from whatever links it to other relays (`cluster/`, with REDIS_URL). The relay
 * knows nothing of Redis: it follows the rooms it holds, says what it stored and which presence changed,
 * and is told what other relays stored and which presence they saw. Without a feed (one relay) it simply
 * has nobody to tell.
 */
export interface RoomFeed {
  /**
   * Delivers to `sink` what other relays publish for `room` from now on. Resolves once everything
   * published after the call will be delivered, so the room can then be read from storage with no gap
   * between what it read and what it is told. Never rejects: while the feed is down it resolves at once,
   * and the sink is told to `resync` when the feed is back.
   */
  follow(room: string, sink: FeedSink): Promise<void>;
  unfollow(room: string, sink: FeedSink): void;
  /** This relay committed `updates` under `firstSeq, firstSeq + 1, …` (its own clients are sent them next). */
  stored(room: string, firstSeq: number, updates: readonly Uint8Array[]): void;
  /** An awareness update of this relay's connections. */
  presence(room: string, update: Uint8Array): void;
}

/** One followed room, as the feed sees it. */
export interface FeedSink {
  /** Another relay stored `firstSeq..lastSeq`; `update` holds them merged, or null: read from storage. */
  stored(firstSeq: number, lastSeq: number, update: Uint8Array | null): void;
  /** Presence from another relay's connections. */
  presence(update: Uint8Array): void;
  /** Another relay has a newcomer in the room: the presence of this relay's connections, or null. */
  localPresence(): Uint8Array | null;
  /** Something may have been missed (the feed was down): read what is newer from storage. */
  resync(): void;
  /** The highest number up to which the room holds every stored update. */
  knownSeq(): number;
}
