import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { Principal } from '../auth/auth.ts';
import { sendJson } from '../http/respond.ts';
import { parseJsonBody } from './body.ts';

/** What a route handler gets: the request, who made it, and ways to answer. */
export class ApiContext {
  /** Headers every response of this request carries, e.g. a renewed session cookie. */
  private readonly extraHeaders: Record<string, string[]> = { 'Set-Cookie': [] };
  /**
   * Records the access audit row of this request, called with the status just before the answer is sent
   * (once). It throws when the row cannot be written: the answer then becomes a 500, never unlogged data.
   */
  beforeSend: ((status: number) => void) | null = null;

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
    return new URLSearchParams((this.req.url ?? '').split('?')[1] ?? '').get(name);
  }

  setCookie(cookie: string): void {
    this.extraHeaders['Set-Cookie']!.push(cookie);
  }

  json(status: number, body: unknown): void {
    this.runBeforeSend(status);
    sendJson(this.res, status, body, this.headers());
  }

  /** Runs the audit hook once; the error path calls it too, with the error's status. */
  runBeforeSend(status: number): void {
    const hook = this.beforeSend;
    this.beforeSend = null;
    hook?.(status);
  }

  noContent(): void {
    this.runBeforeSend(204);
    this.res.writeHead(204, { 'Cache-Control': 'no-store', ...this.headers() });
    this.res.end();
  }

  headers(): Record<string, string[]> {
    return this.extraHeaders['Set-Cookie']!.length > 0 ? this.extraHeaders : {};
  }
}

/** A context whose route requires a signed-in principal. */
export type SignedInContext = ApiContext & { readonly principal: Principal };
