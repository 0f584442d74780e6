import { type Redis, whenReady } from './redis.ts';

/** One stream entry: its id and its fields (a field named twice keeps its last value). */
export interface StreamEntry {
  id: string;
  fields: Map<string, Buffer>;
}

export interface StreamHandler {
  /** New entries of the stream, oldest first. */
  entries(entries: StreamEntry[]): void;
  /** Entries may have been missed (the connection to Redis dropped, or the stream was not positioned). */
  missed(): void;
}

type XreadResult = Array<[Buffer, Array<[Buffer, Buffer[]]>]> | null;

/** How long one XREAD blocks; it is re-issued after that (and at once when the set of streams changes). */
const BLOCK_MS = 5_000;
/** Entries read per stream per XREAD. */
const READ_COUNT = 500;

/**
 * Reads a changing set of Redis streams on one blocking connection: one `XREAD BLOCK` over all of them,
 * each from the last entry it has read. Adding or removing a stream interrupts the XREAD that is waiting
 * (`CLIENT UNBLOCK`) so the change applies at once.
 *
 * A stream is added at its current end (the id of its last entry, read before `add` resolves), so what is
 * added to it afterwards is read, and nothing before. When the blocking connection drops, whatever was
 * added meanwhile may be gone (Redis restarted) or trimmed: every handler is told `missed()` once the
 * connection is back, and reading resumes from where it was.
 */
export class StreamReader {
  private readonly streams = new Map<string, { lastId: string | null; handler: StreamHandler }>();
  private generation = 0;
  /** The generation of the set of streams the XREAD in flight was issued with, or null when none is. */
  private inflight: number | null = null;
  private clientId: number | null = null;
  private wake: (() => void) | null = null;
  private unblocking = false;
  private readies = 0;
  private positioned = 0;
  private closed = false;
  private readonly running: Promise<void>;

  constructor(
    private readonly blocking: Redis,
    private readonly commands: Redis,
    private readonly log: Pick<Console, 'warn'>,
    /** Called when the blocking connection is back after a drop, before reading resumes. */
    private readonly onReconnect: () => void = () => {},
  ) {
    blocking.on('ready', () => {
      this.readies++;
      this.wake?.();
    });
    if (blocking.status === 'ready') this.readies = 1;
    this.running = this.run();
  }

  /** Adds `key`, read from after its last entry now. Resolves once positioned (or at once if Redis is away). */
  async add(key: string, handler: StreamHandler): Promise<void> {
    let lastId: string | null = null;
    if (this.commands.status === 'ready') {
      try {
        const last = await this.commands.xrevrange(key, '+', '-', 'COUNT', 1);
        lastId = last[0]?.[0] ?? '0-0';
      } catch {
        lastId = null;
      }
    }
    this.streams.set(key, { lastId, handler });
    this.changed();
  }

  remove(key: string): void {
    if (this.streams.delete(key)) this.changed();
  }

  has(key: string): boolean {
    return this.streams.has(key);
  }

  get connected(): boolean {
    return this.blocking.status === 'ready';
  }

  private changed(): void {
    this.generation++;
    const wake = this.wake;
    this.wake = null;
    wake?.();
    if (this.inflight !== null) void this.unblock();
  }

  /** Interrupts the XREAD in flight; retried briefly, since it may not have reached Redis yet. */
  private async unblock(): Promise<void> {
    if (this.unblocking) return;
    this.unblocking = true;
    try {
      for (let attempt = 0; attempt < 100; attempt++) {
        if (this.inflight === null || this.inflight === this.generation || this.clientId === null) return;
        const done = await this.commands.client('UNBLOCK', this.clientId).catch(() => 0);
        if (done === 1) return;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    } finally {
      this.unblocking = false;
    }
  }

  private async run(): Promise<void> {
    while (!this.closed) {
      if (this.blocking.status !== 'ready') {
        await whenReady(this.blocking, 1_000);
        continue;
      }
      if (this.positioned < this.readies) {
        this.positioned = this.readies;
        const first = this.positioned === 1;
        if (!(await this.reposition(first))) continue;
      }
      await this.placeUnplaced();
      const keys = [...this.streams.keys()];
      if (keys.length === 0) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, BLOCK_MS).unref();
        });
        continue;
      }
      const ids = keys.map((key) => this.streams.get(key)?.lastId ?? '$');
      this.inflight = this.generation;
      let result: XreadResult | 'dropped';
      try {
        result = await this.xread(keys, ids);
      } catch (error) {
        this.inflight = null;
        if (this.closed) return;
        // The command failed on a live connection: go round again, after a breath.
        if (this.blocking.status === 'ready') {
          this.log.warn(`Reading Redis streams failed: ${(error as Error).message}`);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        continue;
      }
      if (result === 'dropped') {
        // The loop waits above for the connection to come back, then tells every handler.
        this.inflight = null;
        continue;
      }
      this.inflight = null;
      if (result === null) continue;
      for (const [keyBuffer, rawEntries] of result) {
        const stream = this.streams.get(keyBuffer.toString());
        if (stream === undefined || rawEntries.length === 0) continue;
        const entries: StreamEntry[] = rawEntries.map(([id, raw]) => {
          const fields = new Map<string, Buffer>();
          for (let i = 0; i + 1 < raw.length; i += 2) fields.set(raw[i]!.toString(), raw[i + 1]!);
          return { id: id.toString(), fields };
        });
        stream.lastId = entries.at(-1)!.id;
        try {
          stream.handler.entries(entries);
        } catch (error) {
          this.log.warn(`A Redis stream entry of ${keyBuffer.toString()} could not be handled:`, error);
        }
      }
    }
  }

  /**
   * One XREAD, or 'dropped' when the connection closes first: the driver abandons a command that was in
   * flight when its connection dropped (it neither answers nor fails it), so the close is what tells. A
   * connection that neither answers nor closes (a silent network) is dropped on purpose after a while.
   */
  private xread(keys: string[], ids: string[]): Promise<XreadResult | 'dropped'> {
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(stuck);
        this.blocking.off('close', onClose);
      };
      const onClose = () => {
        done();
        resolve('dropped');
      };
      const stuck = setTimeout(() => {
        done();
        this.blocking.disconnect(true);
        resolve('dropped');
      }, BLOCK_MS + 5_000);
      this.blocking.once('close', onClose);
      (
        this.blocking.xreadBuffer(
          'COUNT',
          READ_COUNT,
          'BLOCK',
          BLOCK_MS,
          'STREAMS',
          ...keys,
          ...ids,
        ) as Promise<XreadResult>
      ).then(
        (result) => {
          done();
          resolve(result);
        },
        (error: unknown) => {
          done();
          reject(error);
        },
      );
    });
  }

  /**
   * After (re)connecting: learns the connection's id (to interrupt it) and, after a drop, tells every
   * handler that it may have missed entries. False when the connection dropped again meanwhile.
   */
  private async reposition(first: boolean): Promise<boolean> {
    try {
      this.clientId = Number(await this.blocking.client('ID'));
    } catch {
      this.positioned--;
      return false;
    }
    if (!first) {
      this.onReconnect();
      for (const stream of this.streams.values()) stream.handler.missed();
    }
    return true;
  }

  /** Streams added while Redis was away start at their current end, and may have missed something. */
  private async placeUnplaced(): Promise<void> {
    for (const [key, stream] of this.streams) {
      if (stream.lastId !== null) continue;
      try {
        const last = await this.blocking.xrevrange(key, '+', '-', 'COUNT', 1);
        stream.lastId = last[0]?.[0] ?? '0-0';
      } catch {
        return;
      }
      stream.handler.missed();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.changed();
    if (this.inflight !== null && this.clientId !== null)
      await this.commands.client('UNBLOCK', this.clientId).catch(() => 0);
    this.blocking.disconnect();
    await this.running.catch(() => {});
  }
}
