/**
 * What the relay benchmarks share: a server started as users run it (`node dist/main.js` in a process of
 * its own, port 0, answering bench/probe.mjs's "stats" over IPC), the stock client's sync wait, and the
 * figures (percentiles, rounding, one clock for every thread of the generator).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type { WebsocketProvider } from 'y-websocket';

// bench/run.mjs bundles each benchmark into sync-server/dist/bench/; tests import this file from bench/.
const here = import.meta.dirname;
export const PACKAGE = here.endsWith(join('dist', 'bench')) ? join(here, '..', '..') : join(here, '..');
export const SERVER_MAIN = join(PACKAGE, 'dist', 'main.js');
export const PROBE = join(PACKAGE, 'bench', 'probe.mjs');

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The p-th percentile of values sorted ascending (nearest rank), NaN when there are none. */
export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return round(sorted[i] as number, 2);
}

/** Milliseconds on a clock all threads of this process share (performance.now() is per thread). */
export const now = () => performance.timeOrigin + performance.now();

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

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

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Its own figures through bench/probe.mjs; null once it has exited. */
  stats(): Promise<RelayStats | null>;
  stop(signal?: NodeJS.Signals): Promise<void>;
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
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', PROBE, script], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}):\n${output}`)));
  });
  // One listener answers the questions in order (a sampler may ask while an answer is on its way).
  const waiting: Array<(stats: RelayStats | null) => void> = [];
  child.on('message', (stats: RelayStats) => waiting.shift()?.(stats));
  child.once('exit', () => {
    for (const answer of waiting.splice(0)) answer(null);
  });
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    url,
    child,
    output: () => output,
    stats() {
      if (gone() || !child.connected) return Promise.resolve(null);
      return new Promise((resolve) => {
        waiting.push(resolve);
        child.send('stats');
      });
    },
    async stop(signal = 'SIGTERM') {
      if (gone()) return;
      const exited = once(child, 'exit');
      child.kill(signal);
      await exited;
    },
  };
}
