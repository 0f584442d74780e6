import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  json: Record<string, unknown> & { id: string; type: string };
  /** Unix ms when the request had arrived whole. */
  at: number;
}

/** How the receiver answers one request: a status, or `hang` (never answers until closed). */
export type Answer = number | 'hang';

/**
 * A real HTTP receiver on 127.0.0.1, port 0. Each path answers from its script (the next entry per
 * request, the last one repeated; 204 when none), and every request is recorded.
 */
export async function startReceiver() {
  const received: Received[] = [];
  const scripts = new Map<string, Answer[]>();
  const eachScripts = new Map<string, Answer[]>();
  const hanging = new Set<ServerResponse>();
  const waiters: Array<() => void> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body, json: JSON.parse(body), at: Date.now() });
      for (const wake of waiters.splice(0)) wake();
      // A script per delivery (`scriptEach`) walks on for each Runsheet-Delivery id separately.
      const each = eachScripts.get(path);
      const key = each === undefined ? path : `${path}#${String(req.headers['runsheet-delivery'])}`;
      if (each !== undefined && !scripts.has(key)) scripts.set(key, [...each]);
      const script = scripts.get(key) ?? [];
      const answer = (script.length > 1 ? script.shift() : script[0]) ?? 204;
      if (answer === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    /** Requests held open right now (answers `hang`). */
    hanging,
    script(path: string, answers: Answer[]) {
      scripts.set(path, [...answers]);
    },
    /** Like `script`, but each delivery (Runsheet-Delivery id) to `path` gets the answers from the start. */
    scriptEach(path: string, answers: Answer[]) {
      eachScripts.set(path, [...answers]);
    },
    at: (path: string) => received.filter((r) => r.path === path),
    /** Resolves once `predicate` holds over what was received (checked after every request). */
    async until(predicate: () => boolean, timeoutMs = 8_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error('receiver: timed out waiting');
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
