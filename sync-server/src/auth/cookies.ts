export const SESSION_COOKIE = 'runsheet_session';

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * HttpOnly: scripts (and so XSS) cannot read it. SameSite=Lax: not sent on cross-site sub-requests and
 * POSTs. Secure when the browser reached us over https, so it never travels in clear text afterwards.
 * Max-Age is what the session has left, rounded up to whole seconds: the cookie never ends before the
 * session does (the server is the judge either way).
 */
export function sessionCookie(secret: string, maxAgeMs: number, secure: boolean): string {
  const parts = [
    `${SESSION_COOKIE}=${secret}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${Math.max(0, Math.ceil(maxAgeMs / 1000))}`,
  ];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', 0, secure);
}
