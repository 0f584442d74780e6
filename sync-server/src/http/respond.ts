import type { ServerResponse } from 'node:http';

/** Writes a JSON body. API responses are per-user and must never be cached by a proxy or the browser. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
): void {
  sendJsonText(res, status, JSON.stringify(body), headers);
}

/**
 * Writes JSON text already serialised. It may come in pieces, e.g. a cached Buffer of what does not change
 * and a string made for this request: they are written back to back (one writev), not copied together.
 */
export function sendJsonText(
  res: ServerResponse,
  status: number,
  payload: string | Buffer | ReadonlyArray<string | Buffer>,
  headers: Record<string, string | string[]> = {},
): void {
  const parts = typeof payload === 'string' || Buffer.isBuffer(payload) ? [payload] : payload;
  let length = 0;
  for (const part of parts) length += Buffer.byteLength(part);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': length,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  if (res.req.method === 'HEAD') {
    res.end();
    return;
  }
  // Corked, so the headers and every piece leave in one write; `end` uncorks.
  res.cork();
  for (let i = 0; i < parts.length - 1; i++) res.write(parts[i]);
  res.end(parts.at(-1));
}

/** The one error shape of every endpoint: `{error: {code, message, field?}}`, `code` stable for programs. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  field?: string,
  headers?: Record<string, string | string[]>,
): void {
  sendJson(
    res,
    status,
    { error: field === undefined ? { code, message } : { code, message, field } },
    headers,
  );
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}
