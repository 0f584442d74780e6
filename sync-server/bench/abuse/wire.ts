/**
 * The attackers' tools: bare WebSockets, TCP sockets and HTTP requests with whatever headers and source
 * address (any of 127.0.0.0/8: a different address is a different client to the server's per-address
 * caps and throttles, without leaving this machine), and a tally of how the server answered.
 */
import { once } from 'node:events';
import { request } from 'node:http';
import { WebSocket } from 'ws';

/** Requests (or connections, or frames) an attack made, and the server's answers by kind. */
export interface Tally {
  requests: number;
  outcomes: Record<string, number>;
}

export function tally(): Tally & { note(outcome: string): void } {
  const t = {
    requests: 0,
    outcomes: {} as Record<string, number>,
    note(outcome: string) {
      t.outcomes[outcome] = (t.outcomes[outcome] ?? 0) + 1;
    },
  };
  return t;
}

export interface RawWs {
  ws: WebSocket;
  /** Resolves with the close code once the connection is gone (1006 when it just dropped). */
  closed: Promise<number>;
  /** Resolves true once open, false if it closed (or failed) first. */
  opened: Promise<boolean>;
}

export function rawWs(
  url: string,
  room: string,
  headers: Record<string, string> = {},
  localAddress?: string,
): RawWs {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/sync/${room}`, {
    headers,
    ...(localAddress && { localAddress }),
  });
  ws.on('error', () => {});
  const closed = once(ws, 'close').then(([code]) => code as number);
  const opened = Promise.race([once(ws, 'open').then(() => true), closed.then(() => false)]);
  return { ws, closed, opened };
}

/** Resolves once the socket has handed its queued bytes to the kernel (or closed). */
export async function drained(ws: WebSocket): Promise<void> {
  while (ws.readyState === ws.OPEN && ws.bufferedAmount > 0) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** One HTTP request; resolves with its status, or `error:<code>` when no answer came. */
export function httpStatus(
  url: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string } = {},
): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: Number(port),
        path,
        method: options.method ?? 'GET',
        headers: {
          ...(options.body !== undefined && { 'Content-Type': 'application/json' }),
          ...options.headers,
        },
        ...(options.localAddress && { localAddress: options.localAddress }),
        agent: false,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(String(res.statusCode)));
        res.on('error', () => resolve(String(res.statusCode)));
      },
    );
    // An upgrade the server accepted: that is an answer too.
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(String(res.statusCode));
    });
    req.setTimeout(15_000, () => req.destroy(new Error('timeout')));
    req.on('error', (error: NodeJS.ErrnoException) => resolve(`error:${error.code ?? error.message}`));
    req.end(options.body);
  });
}

/** Runs `worker` on `concurrency` loops until `deadline` (performance.now() ms) or `maxRequests` in all. */
export async function loops(
  concurrency: number,
  deadline: number,
  maxRequests: number,
  t: Tally,
  worker: (n: number) => Promise<void>,
): Promise<void> {
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline && t.requests < maxRequests) {
        const n = t.requests++;
        await worker(n);
      }
    }),
  );
}
