import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BodyOf, Operation, ParamsOf, QueryOf } from '@runsheet/protocol';
import type { Principal } from '../auth/auth.ts';
import { sendJsonText } from '../http/respond.ts';
import { parseJsonBody } from './body.ts';
import { parsePathParams, parseQuery } from './input.ts';

/**
 * What a route handler gets: the request, who made it, its path and query parameters already validated
 * with the operation's schemas, and ways to answer.
 */
export class ApiContext<O extends Operation = Operation> {
  /** Headers every response of this request carries, e.g. a renewed session cookie. */
  private readonly extraHeaders: Record<string, string[]> = { 'Set-Cookie': [] };
  /**
   * Commits the access audit row of this request, called with the status just before the answer is sent
   * (once). The answer waits for the commit; when it rejects, the answer becomes a 500, never unlogged data.
   */
  beforeSend: ((status: number) => Promise<void>) | null = null;
  /**
   * Why the request's credentials were not accepted (`expired`, or anything else), null when it carried a
   * valid one or none. Public operations run either way; the sign-in status says which.
   */
  credentialsProblem: 'expired' | 'refused' | null = null;
  /** The answer, waiting for its audit row; the API handler awaits it through `answered()`. */
  private sending: Promise<void> | null = null;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly operation: O,
    rawParams: Readonly<Record<string, string>>,
    private readonly search: URLSearchParams,
    readonly principal: Principal | null,
    readonly clientAddress: string,
    readonly loopback: boolean,
    readonly secure: boolean,
  ) {
    this.validParams = rawParams as ParamsOf<O>;
  }

  private validParams: ParamsOf<O>;
  private validQuery = {} as QueryOf<O>;

  /**
   * Checks the path and query parameters with the operation's schemas (the ones the OpenAPI document
   * states). Until then `params` holds them as sent, which is what the audit row of a refusal records.
   */
  validateInput(): void {
    this.validParams = parsePathParams(
      this.operation,
      this.validParams as Record<string, string>,
    ) as ParamsOf<O>;
    this.validQuery = parseQuery(this.operation, this.search) as QueryOf<O>;
  }

  /** Path parameters, validated with the operation's `params` schema. */
  get params(): Readonly<ParamsOf<O>> {
    return this.validParams;
  }

  /** Query parameters, validated with the operation's `query` schema. */
  get queryValues(): Readonly<QueryOf<O>> {
    return this.validQuery;
  }

  /** The JSON body, validated with the operation's `body` schema: the one the OpenAPI document names. */
  body(): Promise<BodyOf<O>> {
    const schema = this.operation.body;
    if (schema === undefined) throw new Error(`${this.operation.id} takes no body`);
    return parseJsonBody(this.req, schema) as Promise<BodyOf<O>>;
  }

  /** A query parameter as sent (for cache keys); handlers read values from `queryValues`. */
  query(name: string): string | null {
    return this.search.get(name);
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

  /**
   * Answers bytes that are not JSON (a frozen release), with their ETag. `HEAD` gets the headers alone;
   * a request whose If-None-Match names the ETag gets 304 and no body.
   */
  bytes(data: Uint8Array, contentType: string, etag: string): void {
    const quoted = `"${etag}"`;
    const matches = (this.req.headers['if-none-match'] ?? '')
      .split(',')
      .some((tag) => tag.trim().replace(/^W\//, '') === quoted);
    const status = matches ? 304 : 200;
    this.send(status, () => {
      // A copy of what was read is private to whoever may read the release: no shared cache keeps it.
      const headers = { ETag: quoted, 'Cache-Control': 'private, no-cache', ...this.headers() };
      if (status === 304) {
        this.res.writeHead(304, headers);
        this.res.end();
        return;
      }
      this.res.writeHead(200, {
        'Content-Type': contentType,
        'Content-Length': data.byteLength,
        'X-Content-Type-Options': 'nosniff',
        ...headers,
      });
      this.res.end(this.req.method === 'HEAD' ? undefined : data);
    });
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
export type SignedInContext<O extends Operation = Operation> = ApiContext<O> & {
  readonly principal: Principal;
};
