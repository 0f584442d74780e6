import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { TLSSocket } from 'node:tls';

/**
 * Facts about where a request came from. Proxy headers are believed only with TRUST_PROXY: without a
 * proxy in front, any client could send them.
 */
export interface RequestInfoOptions {
  trustProxy: boolean;
  /**
   * How many proxies stand in front (TRUST_PROXY=1 or =<hops>). Each appends the address it was reached
   * from to X-Forwarded-For, so the client is that many entries from the right; anything to the left of
   * it was written by the client and proves nothing (SE-08). Defaults to 1 when `trustProxy`.
   */
  proxyHops?: number;
}

function forwardedFor(req: IncomingMessage): string[] {
  const header = req.headers['x-forwarded-for'];
  if (header === undefined) return [];
  const joined = Array.isArray(header) ? header.join(',') : header;
  return joined
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

export function clientAddress(req: IncomingMessage, options: RequestInfoOptions): string {
  const hops = options.trustProxy ? (options.proxyHops ?? 1) : 0;
  if (hops > 0) {
    const chain = forwardedFor(req);
    const entry = chain[chain.length - hops];
    if (entry !== undefined) return entry;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

export function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/**
 * SE-08: true only when the TCP peer itself is on this machine, and it is no trusted proxy passing a
 * request on (with TRUST_PROXY, a request carrying X-Forwarded-For came from elsewhere through it).
 * Never read from a header alone.
 */
export function isLoopbackRequest(req: IncomingMessage, options: RequestInfoOptions): boolean {
  if (!isLoopback(req.socket.remoteAddress ?? '')) return false;
  return !(options.trustProxy && forwardedFor(req).length > 0);
}

export function isHttps(req: IncomingMessage, { trustProxy }: RequestInfoOptions): boolean {
  if ((req.socket as TLSSocket).encrypted) return true;
  if (!trustProxy) return false;
  const proto = req.headers['x-forwarded-proto'];
  return (Array.isArray(proto) ? proto[0] : proto)?.split(',')[0]?.trim() === 'https';
}

/** The host the client asked for: `X-Forwarded-Host` from a trusted proxy, else `Host`. */
export function requestedHost(req: IncomingMessage, { trustProxy }: RequestInfoOptions): string | undefined {
  const forwardedHost = trustProxy ? req.headers['x-forwarded-host'] : undefined;
  const host = (Array.isArray(forwardedHost) ? forwardedHost[0] : forwardedHost) ?? req.headers.host;
  return host?.split(',')[0]?.trim().toLowerCase();
}

/**
 * False when a browser says the request comes from a page of another origin. Browsers always send `Origin`
 * on cross-origin POSTs and WebSocket handshakes; requests without it (curl, scripts) are not cross-site.
 * This is the CSRF and cross-site WebSocket hijacking guard for cookie-authenticated requests.
 */
export function isSameOrigin(req: IncomingMessage, options: RequestInfoOptions): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const host = requestedHost(req, options);
  return host !== undefined && originHost.toLowerCase() === host;
}

/**
 * SE-07: which `Host` names the server answers. A DNS-rebinding page points a name of its own at this
 * machine: the browser then sends that name as Host (and as Origin), which passes a same-origin check. So
 * only these are answered: the hosts of PUBLIC_ORIGIN, IP literals and `localhost` (a rebinding needs a
 * name of the attacker's; a browser sends `localhost` only for a page that is really on this machine, which
 * is how `npm start` is opened even while it listens on every interface).
 */
export class HostAllowList {
  private readonly names: ReadonlySet<string>;

  constructor(publicOrigins: readonly string[]) {
    const names = new Set<string>(['localhost']);
    for (const origin of publicOrigins) names.add(new URL(origin).hostname.toLowerCase());
    this.names = names;
  }

  allows(host: string | undefined): boolean {
    if (host === undefined || host === '') return false;
    let hostname: string;
    try {
      hostname = new URL(`http://${host}`).hostname.toLowerCase();
    } catch {
      return false;
    }
    const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
    return isIP(bare) !== 0 || this.names.has(hostname);
  }
}

/** True for a listen address that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || isLoopback(host);
}
