import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { canWrite } from '@runsheet/protocol';
import { createApiHandler } from './api/api.ts';
import { ServerWorkspace } from './api/data/server-workspace.ts';
import { AccessAudit } from './audit/access-audit.ts';
import { WriteAudit } from './audit/write-audit.ts';
import { Auth } from './auth/auth.ts';
import { credentialsFrom } from './auth/credentials.ts';
import type { ScryptParams } from './auth/passwords.ts';
import { type Cluster, startCluster } from './cluster/index.ts';
import type { ServerConfig } from './config.ts';
import { ReleaseFreezer } from './frozen/release-freezer.ts';
import { ConnectionGate } from './http/connection-gate.ts';
import { createHealthHandler } from './http/health.ts';
import { isUnder, pathnameOf } from './http/paths.ts';
import { clientAddress, HostAllowList, isSameOrigin, requestedHost } from './http/request-info.ts';
import { sendText } from './http/respond.ts';
import { createSecurityHeaders } from './http/security-headers.ts';
import { createStaticHandler } from './http/static.ts';
import { Relay } from './relay/relay.ts';
import { roomFromPath } from './relay/room-name.ts';
import type { Storage } from './storage/contract.ts';
import { openStorage } from './storage/open-storage.ts';
import { startTemporalBridge, type TemporalBridge, type TemporalMirror } from './temporal/index.ts';
import type { TemporalReader } from './temporal/reader.ts';
import { VERSION } from './version.ts';
import { DEFAULT_WEBHOOK_OPTIONS, type WebhookOptions, Webhooks } from './webhooks/webhooks.ts';

/**
 * The request line and headers may take this much. Node's default (16 KiB) answers 431 before the API
 * sees a request whose query holds a long parameter: a cursor may be 4,096 characters, and percent-encoded
 * in the URL up to 9 bytes each. The API must see those to say which parameter is wrong (400).
 */
const MAX_REQUEST_HEAD_BYTES = 64 * 1024;

export interface RunsheetServer {
  readonly config: ServerConfig;
  /** Everything the server keeps: SQLite under DATA_DIR, or PostgreSQL (DATABASE_URL). */
  readonly storage: Storage;
  readonly http: Server;
  readonly relay: Relay;
  readonly auth: Auth;
  readonly audit: AccessAudit;
  readonly workspace: ServerWorkspace;
  /** Outgoing webhooks (WH-01..WH-11). */
  readonly webhooks: Webhooks;
  /** The frozen snapshots of archived releases (FZ-06). */
  readonly freezer: ReleaseFreezer;
  /** This relay among several (REDIS_URL), or null for a relay on its own. */
  readonly cluster: Cluster | null;
  /** The Temporal bridge once started (TEMPORAL_ADDRESS set), else null. */
  temporal(): { bridge: TemporalBridge; mirror: TemporalMirror } | null;
  /**
   * Creates the RUNSHEET_ADMIN_USER admin if due, then listens. Resolves with the bound address (the real
   * port when the config says 0).
   */
  listen(): Promise<AddressInfo>;
  /** Stops accepting, closes every connection, stores what rooms hold, closes storage. Safe to call twice. */
  close(): Promise<void>;
}

export interface ServerOverrides {
  /** Wraps or replaces the storage engine the configuration opened (tests inject storage failures). */
  storage?: (storage: Storage) => Storage;
  /** Password hashing cost. Only tests lower it, to stay fast on two cores; never exposed as a setting. */
  scrypt?: ScryptParams;
  /** The clock of sessions, tokens and sign-in throttling (tests). */
  now?: () => number;
  /** Where notices, warnings and errors go; tests collect them instead of printing. */
  log?: Pick<Console, 'log' | 'warn' | 'error'>;
  /** Replaces the Temporal client of the bridge (tests count calls or simulate an outage). */
  temporalReader?: TemporalReader;
  /** How long the API keeps a release room loaded after its last use. */
  apiReleaseIdleMs?: number;
  /** How often rooms compare their numbers with PostgreSQL, Redis up and down (tests shorten them). */
  clusterResyncMs?: { up: number; down: number };
  /** How often expired sessions are deleted (tests shorten it to exercise the timer). */
  pruneSessionsEveryMs?: number;
  /** Webhook timing: tests shorten timeouts, backoff and debounce. */
  webhooks?: Partial<WebhookOptions>;
  /** How long after a late change to an archived release it is frozen again (FZ-05). */
  freezeDebounceMs?: number;
}

/** Expired sessions are deleted this often; they are refused whether deleted or not. */
const PRUNE_SESSIONS_EVERY_MS = 3600_000;

/**
 * Composes the pieces on one port: `/healthz`, the JSON API under `/api`, the relay under `/sync`, and the
 * built app for everything else. Opens storage first (and migrates it), hence asynchronous.
 */
export async function createRunsheetServer(
  config: ServerConfig,
  overrides: ServerOverrides = {},
): Promise<RunsheetServer> {
  const log = overrides.log ?? console;
  const opened = await openStorage(config, log);
  const storage = overrides.storage ? overrides.storage(opened) : opened;
  let cluster: Cluster | null = null;
  if (config.redisUrl !== null) {
    try {
      cluster = await startCluster({
        url: config.redisUrl,
        prefix: config.redisPrefix,
        store: storage.rooms,
        log,
        ...(overrides.clusterResyncMs && {
          resyncMs: overrides.clusterResyncMs.up,
          resyncWhileDownMs: overrides.clusterResyncMs.down,
        }),
      });
    } catch (error) {
      await storage.close();
      throw error;
    }
  }
  const auth = new Auth(storage, {
    sessionTtlMs: config.sessionTtlMs,
    sessionMaxMs: config.sessionMaxMs,
    openMode: config.openMode,
    maxPendingHashes: config.maxPendingHashes,
    hashConcurrency: config.hashConcurrency,
    ...(overrides.scrypt && { scrypt: overrides.scrypt }),
    ...(overrides.now && { now: overrides.now }),
    ...(cluster && { sharedThrottle: cluster.sharedThrottle }),
  });
  const audit = new AccessAudit(storage.audit);
  // SE-11: every accepted sync write goes into the audit, beside the message path.
  const writeAudit = new WriteAudit(audit, log);
  const relay = new Relay({
    store: storage.rooms,
    limits: config.limits,
    log,
    onClientWrite: writeAudit.record,
    ...(cluster && {
      feed: cluster.feed,
      budgets: cluster.sharedBudgets(
        config.limits.maxMessagesPerSecondPerUser,
        config.limits.maxMessageBurstPerUser,
      ),
      byteBudgets: cluster.sharedBudgets(
        config.limits.maxUpdateBytesPerSecondPerUser,
        2 * config.limits.maxFrameBytes,
        'update-bytes',
      ),
      largeSyncBudgets: cluster.sharedBudgets(
        config.limits.maxLargeSyncBytesPerSecondPerUser,
        config.limits.maxLargeSyncBurstPerUser,
        'large-sync',
      ),
    }),
  });
  if (cluster !== null) {
    // Another relay changed someone's access: forget cached sign-ins, check every connection now.
    cluster.control.onAccessChanged = () => {
      auth.forgetSignIns();
      relay.recheckNow().catch((error: unknown) => log.warn('Re-checking connections failed:', error));
    };
  }
  const workspace = new ServerWorkspace(relay, {
    releaseIdleMs: overrides.apiReleaseIdleMs ?? 30_000,
    frozen: storage.frozen,
    log,
  });
  // FZ-06: follows the catalog from its first load (listen() loads it).
  const freezer = new ReleaseFreezer(relay, workspace, storage.frozen, storage.rooms, {
    debounceMs: overrides.freezeDebounceMs ?? 2_000,
    now: overrides.now ?? Date.now,
    log,
  });
  const webhooks = new Webhooks(
    storage.webhooks,
    relay,
    () => {
      try {
        return workspace.state;
      } catch {
        return null;
      }
    },
    {
      ...DEFAULT_WEBHOOK_OPTIONS,
      ...config.webhooks,
      ...overrides.webhooks,
      userAgent: `Runsheet-Webhooks/${VERSION}`,
      now: Date.now,
      log,
    },
  );
  let temporal: { bridge: TemporalBridge; mirror: TemporalMirror } | null = null;
  const api = createApiHandler(
    {
      auth,
      // Here at once; the other relays through the control channel, at the same time.
      onAccessChanged: async () => {
        await Promise.all([relay.recheckNow(), cluster?.control.accessChanged()]);
      },
      audit,
      workspace,
      temporal: () => temporal?.mirror ?? null,
      webhooks,
      frozen: storage.frozen,
    },
    { trustProxy: config.trustProxy, proxyHops: config.proxyHops, log },
  );
  const serveStatic = createStaticHandler(config.staticDir);
  const securityHeaders = createSecurityHeaders({
    staticDir: config.staticDir,
    https: config.publicOrigins.some((origin) => origin.startsWith('https:')),
  });
  const health = createHealthHandler({
    storage: () => storage.ping(),
    ...(cluster && { redis: () => cluster.ping() }),
  });

  const hosts = new HostAllowList(config.publicOrigins);
  const MISDIRECTED =
    'This server does not answer to that host name. Open it at its address, or list the name in PUBLIC_ORIGIN.\n';

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pathname = pathnameOf(req.url);
    // SE-09: on every answer, set before anything is written (writeHead merges its own headers in).
    const forStatic =
      !isUnder(pathname, '/api') &&
      !isUnder(pathname, '/sync') &&
      pathname !== '/healthz' &&
      pathname !== '/livez';
    for (const [name, value] of Object.entries(securityHeaders(forStatic))) res.setHeader(name, value);
    // SE-07: a DNS-rebinding page reaches us under a name of its own; answer no name we were not given.
    if (!hosts.allows(requestedHost(req, config))) {
      sendText(res, 421, MISDIRECTED);
      return;
    }
    if (pathname === '/healthz') {
      await health.ready(req, res);
    } else if (pathname === '/livez') {
      health.live(req, res);
    } else if (isUnder(pathname, '/api')) {
      await api(req, res, pathname);
    } else if (isUnder(pathname, '/sync')) {
      sendText(res, 426, 'This endpoint speaks WebSocket only.\n', {
        Upgrade: 'websocket',
        Connection: 'Upgrade',
      });
    } else {
      await serveStatic(req, res);
    }
  }

  /**
   * Authenticates a WebSocket upgrade: session cookie, `Authorization: Bearer <token>` or `?token=<token>`.
   * Failures still complete the upgrade and close with a code (see Relay.reject for why).
   */
  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    if (!hosts.allows(requestedHost(req, config))) {
      socket.end(
        `HTTP/1.1 421 Misdirected Request\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(MISDIRECTED)}\r\n\r\n${MISDIRECTED}`,
      );
      return;
    }
    const room = roomFromPath(pathnameOf(req.url));
    if (room === undefined) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (room === null) {
      relay.reject(req, socket, head, 'FORBIDDEN_ROOM');
      return;
    }
    const credentials = credentialsFrom(req, true);
    // A cookie is sent by the browser whichever page opens the socket: only trust it from our own origin.
    if (credentials.token === undefined && !isSameOrigin(req, config)) credentials.session = undefined;
    const result = await auth.authenticate(credentials);
    if (!result.ok) {
      relay.reject(req, socket, head, result.reason === 'expired' ? 'SESSION_EXPIRED' : 'UNAUTHORIZED');
      return;
    }
    // SE-04: release rooms only for releases the catalog lists, checked before the audit is written (a
    // flood of refused joins leaves no rows). Open mode is one person on loopback (SE-08): no check.
    if (!config.openMode && room.startsWith('release:') && !(await workspace.knowsRelease(room))) {
      relay.reject(
        req,
        socket,
        head,
        canWrite(result.principal.user.role) ? 'UNKNOWN_ROOM' : 'FORBIDDEN_ROOM',
      );
      return;
    }
    // Joining a room reads release information (FR-014): logged before any of it is sent; no log, no join.
    try {
      await audit.record({
        principal: result.principal,
        action: 'sync.join',
        entity: room,
        ip: clientAddress(req, config),
        req,
      });
    } catch (error) {
      log.error('Could not record a room join in the audit log:', error);
      relay.reject(req, socket, head, 'INTERNAL_ERROR');
      return;
    }
    const { principal } = result;
    await relay.accept(req, socket, head, room, {
      ...auth.identityFor(principal),
      auditAs: {
        userId: principal.user.id,
        username: principal.user.username,
        auth: principal.kind,
        ip: clientAddress(req, config),
        userAgent: (req.headers['user-agent'] ?? '').slice(0, 512),
      },
    });
  }

  const { headersMs, requestMs } = config.timeouts;
  const http = createServer(
    {
      maxHeaderSize: MAX_REQUEST_HEAD_BYTES,
      // SE-03: a client trickling its headers or body (slowloris) is cut off; the check runs often enough
      // to act within a quarter of the shorter limit.
      headersTimeout: headersMs,
      requestTimeout: Math.max(requestMs, headersMs),
      connectionsCheckingInterval: Math.min(30_000, Math.max(50, Math.floor(headersMs / 4))),
    },
    (req, res) => {
      handleRequest(req, res).catch((error: unknown) => {
        log.error('Request failed:', req.method, req.url, error);
        if (!res.headersSent) sendText(res, 500, 'Internal server error\n');
        else res.destroy();
      });
    },
  );
  const gate = new ConnectionGate(config.connections.max, config.connections.perAddress);
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // SE-03: counted before anything costs more than a map lookup; released when the socket closes.
    const release = gate.admit(clientAddress(req, config));
    if (release === null) {
      relay.reject(req, socket, head, 'TOO_MANY_CONNECTIONS');
      return;
    }
    socket.once('close', release);
    // Storage may fail while signing in (a busy or full disk, PostgreSQL away): that fails this upgrade,
    // never the process.
    handleUpgrade(req, socket, head).catch((error: unknown) => {
      log.error('WebSocket upgrade failed:', error);
      if (!socket.destroyed) relay.reject(req, socket, head, 'INTERNAL_ERROR');
    });
  });

  // An engine may throw before it returns a promise (better-sqlite3 does): the async wrapper turns both
  // into one rejection, so a busy or full disk is logged and the next round tries again.
  const pruneTimer = setInterval(() => {
    (async () => auth.sessions.pruneExpired())().catch((error: unknown) =>
      log.warn('Pruning expired sessions failed:', error),
    );
  }, overrides.pruneSessionsEveryMs ?? PRUNE_SESSIONS_EVERY_MS);
  pruneTimer.unref();

  let closing: Promise<void> | null = null;

  return {
    config,
    storage,
    http,
    relay,
    auth,
    audit,
    workspace,
    webhooks,
    freezer,
    cluster,
    temporal: () => temporal,
    async listen() {
      const bootstrapped = await auth.bootstrap(config.bootstrapAdmin);
      if (bootstrapped === 'created')
        log.log(`Created admin "${config.bootstrapAdmin?.username}" from RUNSHEET_ADMIN_USER`);
      if (bootstrapped === 'skipped') log.log('RUNSHEET_ADMIN_USER ignored: users exist already');
      // Webhooks read release rooms against the catalog from the moment one loads (WH-03).
      await workspace
        .ready()
        .catch((error: unknown) =>
          log.warn('Webhooks: the catalog could not be loaded yet; events start with its first use', error),
        );
      if (config.temporal !== null && temporal === null) {
        temporal = await startTemporalBridge(relay, config.temporal, log, overrides.temporalReader);
        log.log(
          `Reading Temporal at ${config.temporal.address} (namespace ${config.temporal.namespace}), read-only`,
        );
      }
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
        clearInterval(pruneTimer);
        if (temporal !== null) {
          await temporal.bridge.stop();
          temporal.mirror.close();
          await temporal.bridge.closeReader();
        }
        await webhooks.close();
        await freezer.close();
        workspace.close();
        const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
        // Keep-alive sockets would hold `close` open until they time out.
        http.closeIdleConnections();
        await relay.close();
        http.closeAllConnections();
        await stopped;
        await cluster?.close();
        await auth.close();
        await storage.close();
      })();
      return closing;
    },
  };
}
