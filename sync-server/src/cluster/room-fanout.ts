import * as Y from 'yjs';
import type { FeedSink, RoomFeed } from '../relay/feed.ts';
import type { RoomStore } from '../storage/contract.ts';
import type { Redis } from './redis.ts';
import type { StreamEntry, StreamReader } from './stream-reader.ts';

/**
 * Batches up to this size travel through Redis with their bytes; larger ones (a device's first upload of
 * a big release) only with their numbers, and each relay reads them from PostgreSQL: Redis stays small.
 */
export const MAX_INLINE_BYTES = 256 * 1024;
/** Presence messages above this are not passed on (a tab's presence is about 200 bytes). */
export const MAX_PRESENCE_BYTES = 32 * 1024;

/**
 * Stream sizes and lifetimes. A room's update stream keeps its last ~1,000 batches for an hour after its
 * last write: a relay that falls further behind, or comes back later, reads from PostgreSQL anyway.
 * Presence is never stored anywhere: its stream keeps ~64 messages for a minute.
 */
const UPDATES_MAXLEN = 1_000;
const UPDATES_TTL_MS = 3_600_000;
const PRESENCE_MAXLEN = 64;
const PRESENCE_TTL_MS = 60_000;

/**
 * How often each relay compares the newest numbers in PostgreSQL with what its rooms hold (one query for
 * all of them): the safety net under Redis. Every second while Redis is unreachable, so delivery goes on
 * (slower) without it.
 */
export const RESYNC_MS = 15_000;
export const RESYNC_WHILE_DOWN_MS = 1_000;

export interface FanoutOptions {
  /** This process, in every message it publishes (it skips its own). */
  relayId: string;
  prefix: string;
  store: Pick<RoomStore, 'heads'>;
  log: Pick<Console, 'warn'>;
  resyncMs?: number;
  resyncWhileDownMs?: number;
}

const bytes = (data: Buffer) => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
const buffer = (data: Uint8Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);

/**
 * Fan-out of stored updates and of presence between relays, on Redis streams (XADD / XREAD: unlike
 * pub/sub, a reader that was busy or briefly away still gets what was added meanwhile).
 *
 * Per room, two streams: `<prefix>room:<name>:u`, one entry per batch a relay committed to PostgreSQL
 * (`r` relay, `f`/`l` its first and last sequence numbers, `d` the batch merged into one update, when
 * small enough); and `<prefix>room:<name>:p`, presence (`p`) and "who is here?" (`q`). Only committed
 * batches are published, so "stored before it is sent" holds across machines. The numbers make losses
 * visible: a relay that gets `f` beyond what it holds reads the gap from PostgreSQL (`StoredSequence`).
 * What Redis cannot say (it restarted, a publish failed) is covered by the resync: after a reconnect every
 * room reads what is newer, and every RESYNC_MS all rooms compare their numbers with PostgreSQL's.
 */
export class RoomFanout implements RoomFeed {
  private readonly followed = new Map<string, FeedSink>();
  /** Rooms whose last publish failed: the newest number, re-announced once Redis is back. */
  private readonly unsent = new Map<string, number>();
  /** When each stream's lifetime was last renewed (Date.now()); see `publish`. */
  private readonly renewedAt = new Map<string, number>();
  private resyncTimer: NodeJS.Timeout | null = null;
  private resyncing = false;
  private closed = false;
  private readonly resyncMs: number;
  private readonly resyncWhileDownMs: number;

  constructor(
    private readonly reader: StreamReader,
    private readonly commands: Redis,
    private readonly options: FanoutOptions,
  ) {
    this.resyncMs = options.resyncMs ?? RESYNC_MS;
    this.resyncWhileDownMs = options.resyncWhileDownMs ?? RESYNC_WHILE_DOWN_MS;
    commands.on('ready', () => {
      // Redis may have restarted: streams created again by XADD have no lifetime until it is renewed.
      this.renewedAt.clear();
      this.announceUnsent();
    });
    this.scheduleResync();
  }

  private key(room: string, kind: 'u' | 'p'): string {
    return `${this.options.prefix}room:${room}:${kind}`;
  }

  async follow(room: string, sink: FeedSink): Promise<void> {
    this.followed.set(room, sink);
    await Promise.all([
      this.reader.add(this.key(room, 'u'), {
        entries: (entries) => this.onUpdates(sink, entries),
        missed: () => sink.resync(),
      }),
      this.reader.add(this.key(room, 'p'), {
        entries: (entries) => this.onPresence(room, sink, entries),
        missed: () => {},
      }),
    ]);
    // Who is here already, on other relays? They answer with their connections' presence.
    this.publish(this.key(room, 'p'), ['q', '1'], PRESENCE_MAXLEN, PRESENCE_TTL_MS);
  }

  unfollow(room: string, sink: FeedSink): void {
    if (this.followed.get(room) !== sink) return;
    this.followed.delete(room);
    this.reader.remove(this.key(room, 'u'));
    this.reader.remove(this.key(room, 'p'));
    this.renewedAt.delete(this.key(room, 'u'));
    this.renewedAt.delete(this.key(room, 'p'));
  }

  stored(room: string, firstSeq: number, updates: readonly Uint8Array[]): void {
    if (updates.length === 0) return;
    const lastSeq = firstSeq + updates.length - 1;
    const fields: Array<string | Buffer> = ['f', String(firstSeq), 'l', String(lastSeq)];
    let size = 0;
    for (const update of updates) size += update.byteLength;
    if (size <= MAX_INLINE_BYTES) {
      fields.push('d', buffer(updates.length === 1 ? updates[0]! : Y.mergeUpdates([...updates])));
    }
    this.publish(this.key(room, 'u'), fields, UPDATES_MAXLEN, UPDATES_TTL_MS, () => {
      this.unsent.set(room, Math.max(lastSeq, this.unsent.get(room) ?? 0));
    });
  }

  presence(room: string, update: Uint8Array): void {
    if (update.byteLength > MAX_PRESENCE_BYTES) return;
    this.publish(this.key(room, 'p'), ['p', buffer(update)], PRESENCE_MAXLEN, PRESENCE_TTL_MS);
  }

  /**
   * XADD (capped), and renew the stream's lifetime when a tenth of it has passed since this relay last did
   * (in the same round trip): a busy room's batches do not each pay for a PEXPIRE, and a stream still
   * outlives its last write by at least nine tenths of its lifetime. Never throws.
   */
  private publish(
    key: string,
    fields: Array<string | Buffer>,
    maxLen: number,
    ttlMs: number,
    onFailure?: () => void,
  ): void {
    if (this.closed) return;
    const now = Date.now();
    const renew = now - (this.renewedAt.get(key) ?? 0) >= ttlMs / 10;
    if (renew) this.renewedAt.set(key, now);
    const xadd = ['MAXLEN', '~', maxLen, '*', 'r', this.options.relayId, ...fields] as const;
    const sent = renew
      ? this.commands
          .pipeline()
          .xadd(key, ...xadd)
          .pexpire(key, ttlMs)
          .exec()
          .then((results) => results?.some(([error]) => error !== null) ?? false)
      : this.commands.xadd(key, ...xadd).then(() => false);
    sent.then(
      (failed) => {
        if (failed) this.failed(key, renew, onFailure);
      },
      () => this.failed(key, renew, onFailure),
    );
  }

  private failed(key: string, renewing: boolean, onFailure?: () => void): void {
    // The lifetime may not have been renewed: the next publish renews it.
    if (renewing) this.renewedAt.delete(key);
    onFailure?.();
  }

  /** Once Redis is back: for each room whose publish failed, says how far it is stored (no bytes). */
  private announceUnsent(): void {
    for (const [room, lastSeq] of this.unsent) {
      this.unsent.delete(room);
      this.publish(
        this.key(room, 'u'),
        ['f', String(lastSeq), 'l', String(lastSeq)],
        UPDATES_MAXLEN,
        UPDATES_TTL_MS,
        () => this.unsent.set(room, Math.max(lastSeq, this.unsent.get(room) ?? 0)),
      );
    }
  }

  private onUpdates(sink: FeedSink, entries: StreamEntry[]): void {
    for (const { fields } of entries) {
      if (fields.get('r')?.toString() === this.options.relayId) continue;
      const first = Number(fields.get('f')?.toString());
      const last = Number(fields.get('l')?.toString());
      if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last) || first < 1 || last < first) continue;
      const data = fields.get('d');
      sink.stored(first, last, data === undefined ? null : bytes(data));
    }
  }

  private onPresence(room: string, sink: FeedSink, entries: StreamEntry[]): void {
    for (const { fields } of entries) {
      if (fields.get('r')?.toString() === this.options.relayId) continue;
      const update = fields.get('p');
      if (update !== undefined) {
        if (update.byteLength <= MAX_PRESENCE_BYTES) sink.presence(bytes(update));
      } else if (fields.has('q')) {
        const mine = sink.localPresence();
        if (mine !== null) this.presence(room, mine);
      }
    }
  }

  private scheduleResync(): void {
    if (this.closed) return;
    const wait = this.reader.connected ? this.resyncMs : this.resyncWhileDownMs;
    this.resyncTimer = setTimeout(() => {
      void this.resyncNow().finally(() => this.scheduleResync());
    }, wait);
    this.resyncTimer.unref();
  }

  /** Compares every followed room with PostgreSQL's newest number; rooms behind read what they miss. */
  async resyncNow(): Promise<void> {
    if (this.resyncing || this.followed.size === 0) return;
    this.resyncing = true;
    try {
      const heads = await this.options.store.heads([...this.followed.keys()]);
      for (const [room, head] of heads) {
        const sink = this.followed.get(room);
        if (sink !== undefined && head > sink.knownSeq()) sink.resync();
      }
    } catch (error) {
      this.options.log.warn(`Comparing rooms with storage failed: ${(error as Error).message}`);
    } finally {
      this.resyncing = false;
    }
  }

  close(): void {
    this.closed = true;
    if (this.resyncTimer !== null) clearTimeout(this.resyncTimer);
  }
}
