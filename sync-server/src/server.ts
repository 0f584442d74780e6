import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ServerConfig } from './config.ts';
import { createHealthHandler } from './http/health.ts';
import { isUnder, pathnameOf } from './http/paths.ts';
import { sendError, sendText } from './http/respond.ts';
import { createStaticHandler } from './http/static.ts';
import { closeDatabase, type Db, openDatabase } from './persistence/database.ts';

export interface RunsheetServer {
  readonly config: ServerConfig;
  readonly db: Db;
  readonly http: Server;
  /** Starts listening; resolves with the bound address (the real port when the config says 0). */
  listen(): Promise<AddressInfo>;
  /** Stops accepting, closes every connection, flushes and closes SQLite. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Composes the pieces on one port: `/healthz`, the JSON API under `/api`, the relay under `/sync`, and the
 * built app for everything else.
 */
export function createRunsheetServer(config: ServerConfig): RunsheetServer {
  const db = openDatabase(config.dataDir);
  const serveStatic = createStaticHandler(config.staticDir);
  const health = createHealthHandler();

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pathname = pathnameOf(req.url);
    if (pathname === '/healthz') {
      health(req, res);
    } else if (isUnder(pathname, '/api')) {
      sendError(res, 404, 'not-found', `No endpoint ${req.method} ${pathname}`);
    } else if (isUnder(pathname, '/sync')) {
      sendText(res, 426, 'This endpoint speaks WebSocket only.\n', {
        Upgrade: 'websocket',
        Connection: 'Upgrade',
      });
    } else {
      await serveStatic(req, res);
    }
  }

  function handleUpgrade(_req: IncomingMessage, socket: Duplex): void {
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  }

  const http = createServer((req, res) => {
    handleRequest(req, res).catch((error: unknown) => {
      console.error('Request failed:', req.method, req.url, error);
      if (!res.headersSent) sendError(res, 500, 'internal', 'Internal server error');
      else res.destroy();
    });
  });
  http.on('upgrade', handleUpgrade);

  let closing: Promise<void> | null = null;

  return {
    config,
    db,
    http,
    listen() {
      return new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.port, config.host, () => {
          http.off('error', reject);
          resolve(http.address() as AddressInfo);
        });
      });
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        http.close(() => resolve());
        // Keep-alive sockets would hold `close` open until they time out.
        http.closeAllConnections();
      }).finally(() => closeDatabase(db));
      return closing;
    },
  };
}
