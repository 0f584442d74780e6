import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/**
 * Facts about where a request came from. Proxy headers are believed only with TRUST_PROXY=1: without a
 * proxy in front, any client could send them.
 */
export interface RequestInfoOptions {
  trustProxy: boolean;
}

export function clientAddress(req: IncomingMessage, { trustProxy }: RequestInfoOptions): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

export function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

export function isHttps(req: IncomingMessage, { trustProxy }: RequestInfoOptions): boolean {
  if ((req.socket as TLSSocket).encrypted) return true;
  if (!trustProxy) return false;
  const proto = req.headers['x-forwarded-proto'];
  return (Array.isArray(proto) ? proto[0] : proto)?.split(',')[0]?.trim() === 'https';
}

/**
 * False when a browser says the request comes from a page of another origin. Browsers always send `Origin`
 * on cross-origin POSTs and WebSocket handshakes; requests without it (curl, scripts) are not cross-site.
 * This is the CSRF and cross-site WebSocket hijacking guard for cookie-authenticated requests.
 */
export function isSameOrigin(req: IncomingMessage, { trustProxy }: RequestInfoOptions): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const forwardedHost = trustProxy ? req.headers['x-forwarded-host'] : undefined;
  const host = (Array.isArray(forwardedHost) ? forwardedHost[0] : forwardedHost) ?? req.headers.host;
  return host !== undefined && originHost.toLowerCase() === host.toLowerCase();
}
