import type { IncomingMessage } from 'node:http';
import { readCookie, SESSION_COOKIE } from './cookies.ts';

/** The secrets a request carries; which of them is valid is for `Auth.authenticate` to say. */
export interface Credentials {
  /** The `runsheet_session` cookie. */
  session?: string | undefined;
  /** An API token: `Authorization: Bearer`, or `?token=` on a WebSocket upgrade. */
  token?: string | undefined;
}

/**
 * Reads credentials from a request. The `?token=` query parameter is accepted only on WebSocket upgrades
 * (`allowQueryToken`): the stock client cannot set headers, but on plain API calls a token in a URL ends up
 * in logs and browser history for no reason.
 */
export function credentialsFrom(req: IncomingMessage, allowQueryToken: boolean): Credentials {
  const authorization = req.headers.authorization;
  let token: string | undefined;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    token = match?.[1] ?? '';
  } else if (allowQueryToken) {
    const query = (req.url ?? '').split('?')[1];
    token = query === undefined ? undefined : (new URLSearchParams(query).get('token') ?? undefined);
  }
  return { session: readCookie(req.headers.cookie, SESSION_COOKIE), token };
}
