/**
 * In-memory connections between replicas, flushed by hand (no timers): every pair of replicas has a
 * link with a queue per direction. Local updates are queued on every link that is up; the simulation
 * decides which message is delivered next, drops links (their queues are lost) and reconnects them.
 * A reconnect runs the y-protocols sync handshake: each side sends its state vector (sync step 1) and
 * the other answers, when that message is delivered, with the diff it lacks (sync step 2).
 * Updates are not forwarded: a replica hears of another's edits only over their direct link.
 */
import * as Y from 'yjs';
import { CATALOG, type DocName, heldUpdates, receiveUpdate } from '../../src/index.ts';
import type { Prng } from '../support/prng.ts';
import type { Replica } from './replica.ts';

/** The origin of every update the network applies, so it is not sent on again. */
export const NETWORK = { source: 'network' } as const;

type Message =
  | { kind: 'update'; docName: DocName; update: Uint8Array }
  | { kind: 'sync-step-1'; docName: DocName; stateVector: Uint8Array };

interface Link {
  a: Replica;
  b: Replica;
  up: boolean;
  /** Messages travelling towards each end, oldest first. */
  toward: Map<Replica, Message[]>;
}

export class Network {
  readonly links: Link[] = [];
  delivered = 0;
  dropped = 0;
  /** Updates that arrived before one they follow and had to wait (see update-inbox.ts). */
  held = 0;

  constructor(
    private readonly replicas: readonly Replica[],
    private readonly rng: Prng,
  ) {
    for (let i = 0; i < replicas.length; i++) {
      for (let j = i + 1; j < replicas.length; j++) {
        const a = replicas[i] as Replica;
        const b = replicas[j] as Replica;
        this.links.push({
          a,
          b,
          up: true,
          toward: new Map([
            [a, []],
            [b, []],
          ]),
        });
      }
    }
    for (const replica of replicas) {
      for (const [name, doc] of replica.ws.docs()) this.watch(replica, name, doc);
      replica.ws.onDocOpen((name, doc) => this.watch(replica, name, doc));
    }
  }

  /** Each replica's plain state (for assertions on a finished run). */
  replicaStates() {
    return this.replicas.map((r) => r.ws.state);
  }

  get pending(): number {
    let n = 0;
    for (const link of this.links) for (const queue of link.toward.values()) n += queue.length;
    return n;
  }

  /** Delivers one message: usually the oldest on a random busy link, sometimes one out of order. */
  deliverOne(): boolean {
    const busy: Array<[Link, Replica]> = [];
    for (const link of this.links) {
      for (const [to, queue] of link.toward) if (queue.length > 0) busy.push([link, to]);
    }
    if (busy.length === 0) return false;
    const [link, to] = this.rng.pick(busy);
    const queue = link.toward.get(to) as Message[];
    const index = this.rng.bool(0.15) ? this.rng.int(0, queue.length - 1) : 0;
    const [message] = queue.splice(index, 1);
    if (message) this.receive(link, to, message);
    this.delivered++;
    return true;
  }

  /** A link goes down: whatever was in flight on it is lost. */
  drop(link: Link): void {
    link.up = false;
    for (const queue of link.toward.values()) queue.length = 0;
    this.dropped++;
  }

  /** A link comes back: both sides start the sync handshake for every document either side has. */
  reconnect(link: Link): void {
    link.up = true;
    const names = new Set<DocName>([...docNames(link.a), ...docNames(link.b)]);
    for (const name of names) {
      for (const [from, to] of [
        [link.a, link.b],
        [link.b, link.a],
      ] as const) {
        const stateVector = Y.encodeStateVector(docOf(from, name));
        link.toward.get(to)?.push({ kind: 'sync-step-1', docName: name, stateVector });
      }
    }
  }

  /** Every link up and every message delivered: the state the replicas must converge in. */
  settle(): void {
    for (const link of this.links) if (!link.up) this.reconnect(link);
    while (this.deliverOne()) {
      // deliver until quiet
    }
  }

  private watch(replica: Replica, name: DocName, doc: Y.Doc): void {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === NETWORK) return;
      for (const link of this.links) {
        if (!link.up || (link.a !== replica && link.b !== replica)) continue;
        const to = link.a === replica ? link.b : link.a;
        link.toward.get(to)?.push({ kind: 'update', docName: name, update });
      }
    });
  }

  private receive(link: Link, to: Replica, message: Message): void {
    const doc = docOf(to, message.docName);
    if (message.kind === 'update') {
      const before = heldUpdates(doc);
      receiveUpdate(doc, message.update, NETWORK);
      if (heldUpdates(doc) > before) this.held++;
      return;
    }
    // Sync step 2: answer with what the sender of step 1 lacks.
    const from = link.a === to ? link.b : link.a;
    const diff = Y.encodeStateAsUpdate(doc, message.stateVector);
    if (link.up) link.toward.get(from)?.push({ kind: 'update', docName: message.docName, update: diff });
  }
}

function docNames(replica: Replica): DocName[] {
  return replica.ws.docs().map(([name]) => name);
}

/** A replica's document of that name, opened (empty) when it has none yet: joining the room. */
function docOf(replica: Replica, name: DocName): Y.Doc {
  return name === CATALOG ? replica.ws.catalog : replica.ws.openRelease(name);
}
