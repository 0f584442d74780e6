/**
 * What the relay benchmarks share: a server started as users run it (`node dist/main.js` in a process of
 * its own, port 0, answering bench/probe.mjs's "stats" over IPC), the stock client's sync wait, and the
 * figures (percentiles, rounding, one clock for every thread of the generator).
 */
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type RelayProcess, startRelay } from '../../scripts/bench-relay.mjs';

// bench/run.mjs bundles each benchmark into sync-server/dist/bench/; tests import this file from bench/.
const here = import.meta.dirname;
export const PACKAGE = here.endsWith(join('dist', 'bench')) ? join(here, '..', '..') : join(here, '..');
export const SERVER_MAIN = join(PACKAGE, 'dist', 'main.js');
export const PROBE = join(PACKAGE, 'bench', 'probe.mjs');

export { percentile, round } from '../../scripts/bench-figures.mjs';

/** Milliseconds on a clock all threads of this process share (performance.now() is per thread). */
export const now = () => performance.timeOrigin + performance.now();

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A stock y-websocket client of `room` on the relay at `url`, in Node. */
export function connect(url: string, room: string, doc: Y.Doc): WebsocketProvider {
  return new WebsocketProvider(`${url.replace(/^http/, 'ws')}/sync`, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    // Node 20 has a global BroadcastChannel: without this, clients of one process sync with each other
    // directly and the relay carries almost nothing.
    disableBc: true,
  });
}

/** Resolves once `doc` holds everything `target` (a state vector) names. */
export function covers(doc: Y.Doc, target: Map<number, number>): Promise<void> {
  const done = () => [...target].every(([client, clock]) => Y.getState(doc.store, client) >= clock);
  if (done()) return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => {
      if (!done()) return;
      doc.off('afterTransaction', check);
      resolve();
    };
    doc.on('afterTransaction', check);
  });
}

export function synced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve) => {
    const on = (isSynced: boolean) => {
      if (!isSynced) return;
      provider.off('sync', on);
      resolve();
    };
    provider.on('sync', on);
  });
}

export interface RelayStats {
  cpu: { user: number; system: number };
  rss: number;
  /** The relay's event-loop delay since the previous question. */
  loopDelayMs: { p50: number; p99: number; max: number };
}

export interface ServerProcess extends RelayProcess {
  /** Its own figures through bench/probe.mjs; null once it has exited. */
  stats(): Promise<RelayStats | null>;
}

/**
 * Starts `script` (the server by default) with bench/probe.mjs loaded and `env` (HOST 127.0.0.1 and PORT 0
 * unless given), and waits for its "listening on" line.
 */
export async function startServerProcess(
  env: Record<string, string>,
  script: string = SERVER_MAIN,
): Promise<ServerProcess> {
  // BENCH_SERVER_NODE_ARGS: more Node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const relay = await startRelay({ script, env, nodeArgs: [...nodeArgs, '--import', PROBE], ipc: true });
  const { child } = relay;
  // One listener answers the questions in order (a sampler may ask while an answer is on its way).
  const waiting: Array<(stats: RelayStats | null) => void> = [];
  child.on('message', (stats: RelayStats) => waiting.shift()?.(stats));
  child.once('exit', () => {
    for (const answer of waiting.splice(0)) answer(null);
  });
  return {
    ...relay,
    stats() {
      if (relay.gone() || !child.connected) return Promise.resolve(null);
      return new Promise((resolve) => {
        waiting.push(resolve);
        child.send('stats');
      });
    },
  };
}
