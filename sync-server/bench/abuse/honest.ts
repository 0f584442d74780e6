/**
 * The honest side of the abuse benchmark: stock y-websocket clients, each signed in with a member's
 * session, spread over the release rooms. Each writes one small change (a key of its own, about 200
 * bytes) at a steady rate and applies what it receives, as the app does. A change is known by its
 * (client id, clock): a receiver notes the moment its document first holds it, whichever way it came
 * (a live update, or the sync step 2 of a reconnect), so "delivered" and "lost" count content, not frames.
 */
import * as Y from 'yjs';
import { now, percentile, round, sleep, synced } from '../harness.ts';
import { cookieProvider, type Target } from './workspace.ts';

interface Honest {
  index: number;
  room: string;
  doc: Y.Doc;
  provider: ReturnType<typeof cookieProvider>;
  /** Its peers in the room (not itself). */
  peers: Honest[];
  /** Per peer client id: the clock up to which this client's document holds it (exclusive). */
  seen: Map<number, number>;
  /** `sender:clock` -> when this client's document first held it. */
  arrived: Map<string, number>;
}

interface Sent {
  sender: Honest;
  clock: number;
  at: number;
}

export interface Delivery {
  clients: number;
  updatesSent: number;
  deliveriesExpected: number;
  delivered: number;
  /** Expected deliveries some receiver's document did not hold once the settle ended. */
  lost: number;
  latencyMs: { p50: number; p99: number; max: number };
  /** Connections the server closed on honest clients during the phase, by close code. */
  honestDisconnects: Record<string, number>;
}

const PAYLOAD = 'h'.repeat(200);

export class HonestClients {
  private sent: Sent[] = [];
  private disconnects: Record<string, number> = {};
  private stopped = false;

  private constructor(private readonly clients: Honest[]) {
    for (const client of clients) {
      client.doc.on('afterTransaction', () => this.noteArrivals(client));
      client.provider.on('connection-close', (event) => {
        const code = String(event?.code ?? 'no close frame');
        this.disconnects[code] = (this.disconnects[code] ?? 0) + 1;
      });
    }
  }

  /** `count` clients over `target.rooms` (round-robin), signed in as the honest members in turn. */
  static async connect(target: Target, count: number): Promise<HonestClients> {
    const clients: Honest[] = Array.from({ length: count }, (_, index) => {
      const room = target.rooms[index % target.rooms.length] as string;
      const account = target.honest[index % target.honest.length];
      if (!account) throw new Error('no honest account');
      const doc = new Y.Doc();
      const provider = cookieProvider(target.url, room, doc, account.cookie);
      return { index, room, doc, provider, peers: [], seen: new Map(), arrived: new Map() };
    });
    for (const client of clients)
      client.peers = clients.filter((c) => c.room === client.room && c !== client);
    await Promise.all(clients.map((c) => synced(c.provider)));
    return new HonestClients(clients);
  }

  get size(): number {
    return this.clients.length;
  }

  private noteArrivals(client: Honest): void {
    const at = now();
    for (const peer of client.peers) {
      const id = peer.doc.clientID;
      const state = Y.getState(client.doc.store, id);
      const before = client.seen.get(id) ?? 0;
      if (state <= before) continue;
      for (let clock = before; clock < state; clock++) client.arrived.set(`${id}:${clock}`, at);
      client.seen.set(id, state);
    }
  }

  /**
   * Every client writes `rate` changes a second for `seconds`, spread over the second; each tick is due
   * at a fixed time, so a late one does not push the rest back. Starts a new phase's bookkeeping.
   */
  async write(seconds: number, rate: number): Promise<void> {
    this.sent = [];
    this.disconnects = {};
    const interval = 1000 / rate;
    const ticks = Math.round(seconds * rate);
    const start = now() + 50;
    await Promise.all(
      this.clients.map(async (client, i) => {
        const offset = (interval * i) / this.clients.length;
        for (let n = 0; n < ticks && !this.stopped; n++) {
          await sleep(Math.max(0, start + offset + n * interval - now()));
          const clock = Y.getState(client.doc.store, client.doc.clientID);
          this.sent.push({ sender: client, clock, at: now() });
          client.doc.getMap('bench').set(`c${client.index}-${clock}`, PAYLOAD);
        }
      }),
    );
  }

  private missing(): number {
    let missing = 0;
    for (const { sender, clock } of this.sent) {
      for (const peer of sender.peers) {
        if (Y.getState(peer.doc.store, sender.doc.clientID) <= clock) missing++;
      }
    }
    return missing;
  }

  /** Waits until every peer holds every change of the phase, or `timeoutMs`. */
  async settle(timeoutMs: number): Promise<void> {
    const deadline = now() + timeoutMs;
    while (this.missing() > 0 && now() < deadline) await sleep(100);
  }

  /** The phase's figures (call after settle). */
  report(): Delivery {
    const latencies: number[] = [];
    let expected = 0;
    for (const { sender, clock, at } of this.sent) {
      for (const peer of sender.peers) {
        expected++;
        const arrived = peer.arrived.get(`${sender.doc.clientID}:${clock}`);
        if (arrived !== undefined) latencies.push(arrived - at);
      }
    }
    latencies.sort((a, b) => a - b);
    return {
      clients: this.clients.length,
      updatesSent: this.sent.length,
      deliveriesExpected: expected,
      delivered: latencies.length,
      lost: this.missing(),
      latencyMs: {
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        max: round(latencies.at(-1) ?? Number.NaN),
      },
      honestDisconnects: { ...this.disconnects },
    };
  }

  close(): void {
    this.stopped = true;
    for (const client of this.clients) {
      client.provider.destroy();
      client.doc.destroy();
    }
  }
}
