import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { Principal } from '../auth/auth.ts';
import { sendJsonText } from '../http/respond.ts';
import { parseJsonBody } from './body.ts';

/** What a route handler gets: the request, who made it, and ways to answer. */
export class ApiContext {
  /** Headers every response of this request carries, e.g. a renewed session cookie. */
  private readonly extraHeaders: Record<string, string[]> = { 'Set-Cookie': [] };
  /**
   * Commits the access audit row of this request, called with the status just before the answer is sent
   * (once). The answer waits for the commit; when it rejects, the answer becomes a 500, never unlogged data.
   */
  beforeSend: ((status: number) => Promise<void>) | null = null;
  /** The answer, waiting for its audit row; the API handler awaits it through `answered()`. */
  private sending: Promise<void> | null = null;
  /** The query string, parsed on first use: a handler asks for several parameters. */
  private parsedQuery: URLSearchParams | null = null;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly params: Readonly<Record<string, string>>,
    readonly principal: Principal | null,
    readonly clientAddress: string,
    readonly loopback: boolean,
    readonly secure: boolean,
  ) {}

  body<S extends z.ZodType>(schema: S): Promise<z.output<S>> {
    return parseJsonBody(this.req, schema);
  }

  query(name: string): string | null {
    this.parsedQuery ??= new URLSearchParams((this.req.url ?? '').split('?')[1] ?? '');
    return this.parsedQuery.get(name);
  }

  setCookie(cookie: string): void {
    this.extraHeaders['Set-Cookie']!.push(cookie);
  }

  json(status: number, body: unknown): void {
    // Serialised first: if that throws, the request fails before its audit row says it was answered.
    this.jsonText(status, JSON.stringify(body));
  }

  /** Answers JSON already serialised, possibly in pieces (a cached Buffer and a part made per request). */
  jsonText(status: number, payload: string | Buffer | ReadonlyArray<string | Buffer>): void {
    this.send(status, () => sendJsonText(this.res, status, payload, this.headers()));
  }

  noContent(): void {
    this.send(204, () => {
      this.res.writeHead(204, { 'Cache-Control': 'no-store', ...this.headers() });
      this.res.end();
    });
  }

  /**
   * Runs the audit hook once (the error path calls it too, with the error's status). Returns the commit
   * of the row, or null when this request has none to write.
   */
  runBeforeSend(status: number): Promise<void> | null {
    const hook = this.beforeSend;
    this.beforeSend = null;
    return hook === null ? null : hook(status);
  }

  /** Resolves once the answer is written; rejects when its audit row could not be (nothing was sent). */
  answered(): Promise<void> | null {
    return this.sending;
  }

  headers(): Record<string, string[]> {
    return this.extraHeaders['Set-Cookie']!.length > 0 ? this.extraHeaders : {};
  }

  /** Writes the answer now, or, when it has an audit row, once that row is committed. */
  private send(status: number, write: () => void): void {
    const audited = this.runBeforeSend(status);
    if (audited === null) {
      write();
      return;
    }
    this.sending = audited.then(write);
    // The API handler awaits this promise; until it does, a rejection must not count as unhandled.
    this.sending.catch(() => {});
  }
}

/** A context whose route requires a signed-in principal. */
export type SignedInContext = ApiContext & { readonly principal: Principal };
