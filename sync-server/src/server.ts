import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ServerConfig } from './config.ts';
import { createHealthHandler } from './http/health.ts';
import { isUnder, pathnameOf } from './http/paths.ts';
import { sendError, sendText } from './http/respond.ts';
import { createStaticHandler } from './http/static.ts';
import { closeDatabase, type Db, openDatabase } from './persistence/database.ts';
import { createUpdateStore, type UpdateStore } from './persistence/update-store.ts';
import type { Identity } from './relay/identity.ts';
import { Relay } from './relay/relay.ts';
import { roomFromPath } from './relay/room-name.ts';

export interface RunsheetServer {
  readonly config: ServerConfig;
  readonly db: Db;
  readonly http: Server;
  readonly relay: Relay;
  /** Starts listening; resolves with the bound address (the real port when the config says 0). */
  listen(): Promise<AddressInfo>;
  /** Stops accepting, closes every connection, flushes and closes SQLite. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Composes the pieces on one port: `/healthz`, the JSON API under `/api`, the relay under `/sync`, and the
 * built app for everything else.
 */
export interface ServerOverrides {
  /** Wraps or replaces the room update store (tests inject storage failures). */
  updateStore?: (db: Db) => UpdateStore;
  /** Where warnings and errors go; tests collect them instead of printing. */
  log?: Pick<Console, 'warn' | 'error'>;
}

export function createRunsheetServer(config: ServerConfig, overrides: ServerOverrides = {}): RunsheetServer {
  const db = openDatabase(config.dataDir);
  const serveStatic = createStaticHandler(config.staticDir);
  const health = createHealthHandler();
  const store = (overrides.updateStore ?? createUpdateStore)(db);
  const log = overrides.log ?? console;
  const relay = new Relay({ store, limits: config.limits, log });

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

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const room = roomFromPath(pathnameOf(req.url));
    if (room === undefined) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    } else if (room === null) {
      relay.reject(req, socket, head, 'FORBIDDEN_ROOM');
    } else {
      relay.accept(req, socket, head, room, OPEN_IDENTITY);
    }
  }

  const http = createServer((req, res) => {
    handleRequest(req, res).catch((error: unknown) => {
      log.error('Request failed:', req.method, req.url, error);
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
    relay,
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
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
        // Keep-alive sockets would hold `close` open until they time out.
        http.closeIdleConnections();
        await relay.close();
        http.closeAllConnections();
        await stopped;
        closeDatabase(db);
      })();
      return closing;
    },
  };
}

/** Until sign-in exists, everyone may edit. */
const OPEN_IDENTITY: Identity = {
  label: 'open',
  role: 'admin',
  recheck: () => ({ status: 'valid', role: 'admin' }),
};
