/**
 * The app's client of the server's JSON API. Each call names an operation of the shared contract
 * (@runsheet/protocol): its method, path and answer schema come from there, so the app asks exactly what
 * the server serves and checks the answer with the schema the server's document states.
 *
 * Every call either returns parsed data or throws one of two errors: `ApiError` (the server answered with
 * its error shape: a stable code, maybe a field) or `ServerUnreachable` (no answer, or an answer that is
 * not Runsheet's: a proxy page, an old server or a static host answering `/api/*` with HTML; the app then
 * works local-only). A 401 is also reported to `onUnauthorized`, so an expired session anywhere asks the
 * user to sign in again.
 */
import {
  ErrorBody,
  type Operation,
  operations,
  type PublicToken,
  type PublicUser,
  type Role,
  type SessionInfo,
  type SetupStatus,
  type SignInStatus,
  type WebhookDeliveryView,
  type WebhookEventType,
  type WebhookView,
} from '@runsheet/protocol';
import type { z } from 'zod';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** No server, a network error, or something that is not a Runsheet server answered. */
export class ServerUnreachable extends Error {
  override name = 'ServerUnreachable';
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  fetch?: Fetch;
  /** Called with the error code of every 401 (`unauthenticated`, `session-expired`, `setup-required`). */
  onUnauthorized?: (code: string) => void;
}

/** What a successful call returns: the parsed body of its first answer with one, else nothing (204). */
type AnswerOf<O extends Operation> = {
  [S in keyof O['answers']]: O['answers'][S] extends { schema: z.ZodType }
    ? z.output<O['answers'][S]['schema']>
    : undefined;
}[keyof O['answers']];

const { accounts, webhooks } = operations;

export class ApiClient {
  private readonly fetchImpl: Fetch;

  constructor(private readonly options: ApiClientOptions = {}) {
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  session(): Promise<SessionInfo> {
    return this.call(accounts.session);
  }

  /** Who is signed in, or why nobody is: answered 200 either way, so a signed-out start logs no error. */
  signInStatus(): Promise<SignInStatus> {
    return this.call(accounts.signInStatus);
  }

  setupStatus(): Promise<SetupStatus> {
    return this.call(accounts.setupStatus);
  }

  setup(body: { username: string; displayName?: string; password: string; setupCode?: string }) {
    return this.call(accounts.setup, { body });
  }

  login(username: string, password: string) {
    return this.call(accounts.login, { body: { username, password } });
  }

  async logout(): Promise<void> {
    await this.call(accounts.logout);
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await this.call(accounts.changePassword, { body: { currentPassword, newPassword } });
  }

  async users(): Promise<PublicUser[]> {
    return (await this.call(accounts.users)).users;
  }

  async createUser(body: { username: string; displayName?: string; password: string; role: Role }) {
    return (await this.call(accounts.createUser, { body })).user;
  }

  async updateUser(id: string, body: { role?: Role; disabled?: boolean; displayName?: string }) {
    return (await this.call(accounts.updateUser, { params: { id }, body })).user;
  }

  async resetPassword(id: string, password: string): Promise<void> {
    await this.call(accounts.resetPassword, { params: { id }, body: { password } });
  }

  async tokens(): Promise<PublicToken[]> {
    return (await this.call(accounts.tokens)).tokens;
  }

  createToken(name: string) {
    return this.call(accounts.createToken, { body: { name } });
  }

  async revokeToken(id: string): Promise<void> {
    await this.call(accounts.revokeToken, { params: { id } });
  }

  async webhooks(): Promise<WebhookView[]> {
    return (await this.call(webhooks.webhooks)).webhooks;
  }

  createWebhook(body: { url: string; events: WebhookEventType[]; secret?: string; description?: string }) {
    return this.call(webhooks.createWebhook, { body });
  }

  async setWebhookEnabled(id: string, enabled: boolean): Promise<WebhookView> {
    return (await this.call(webhooks.updateWebhook, { params: { id }, body: { enabled } })).webhook;
  }

  async deleteWebhook(id: string): Promise<void> {
    await this.call(webhooks.deleteWebhook, { params: { id } });
  }

  /** The newest attempts first (one page). */
  async webhookDeliveries(id: string): Promise<WebhookDeliveryView[]> {
    return (await this.call(webhooks.deliveries, { params: { id } })).items;
  }

  async sendWebhookTest(id: string): Promise<string> {
    return (await this.call(webhooks.testWebhook, { params: { id } })).eventId;
  }

  /** SE-11: whom the server received each history entry of a release from. */
  async historyAttestations(releaseId: string) {
    return (await this.call(operations.runsheet.historyAttestations, { params: { releaseId } })).items;
  }

  /**
   * FZ-09: the relay's frozen snapshot of an archived release (FZ-07) and the hash it names (its ETag),
   * or null when it keeps none (`not-frozen`, 404); 'unchanged' when it is still `knownHash` (304).
   * The bytes are not checked here: thawing does that.
   */
  async frozenRelease(
    releaseId: string,
    knownHash?: string,
  ): Promise<{ bytes: Uint8Array; hash: string } | 'unchanged' | null> {
    const path = operations.runsheet.frozenRelease.path.replace(':releaseId', encodeURIComponent(releaseId));
    let response: Response;
    try {
      response = await this.fetchImpl(path, {
        credentials: 'same-origin',
        headers: {
          Accept: 'application/octet-stream',
          ...(knownHash !== undefined && { 'If-None-Match': `"${knownHash}"` }),
        },
      });
    } catch (error) {
      throw new ServerUnreachable(error instanceof Error ? error.message : String(error));
    }
    if (response.status === 404) return null;
    if (response.status === 304) return 'unchanged';
    if (!response.ok || response.headers.get('content-type') !== 'application/octet-stream') {
      if (response.status === 401) this.options.onUnauthorized?.('unauthenticated');
      throw new ServerUnreachable(`${path}: HTTP ${response.status}`);
    }
    const hash = (response.headers.get('etag') ?? '').replace(/^"|"$/g, '');
    return { bytes: new Uint8Array(await response.arrayBuffer()), hash };
  }

  private async call<O extends Operation>(
    operation: O,
    request: { params?: Record<string, string>; body?: unknown } = {},
  ): Promise<AnswerOf<O>> {
    const { params = {}, body } = request;
    const path = operation.path.replace(/:(\w+)/g, (_, name: string) =>
      encodeURIComponent(params[name] ?? ''),
    );
    let response: Response;
    try {
      response = await this.fetchImpl(path, {
        method: operation.method,
        credentials: 'same-origin',
        headers: body === undefined ? { Accept: 'application/json' } : jsonHeaders,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new ServerUnreachable(error instanceof Error ? error.message : String(error));
    }
    if (response.ok) {
      const answer = (operation.answers as Record<number, { schema?: z.ZodType }>)[response.status];
      if (answer === undefined)
        throw new ServerUnreachable(`${path}: HTTP ${response.status} is not an answer it gives`);
      if (answer.schema === undefined) return undefined as AnswerOf<O>;
      const parsed = answer.schema.safeParse(await readJson(response));
      if (parsed.success) return parsed.data as AnswerOf<O>;
      throw new ServerUnreachable(`${path}: the answer is not a Runsheet server's`);
    }
    const error = ErrorBody.safeParse(await readJson(response));
    if (!error.success)
      throw new ServerUnreachable(`${path}: HTTP ${response.status}, not a Runsheet server`);
    const { code, message, field } = error.data.error;
    if (response.status === 401) this.options.onUnauthorized?.(code);
    throw new ApiError(response.status, code, message, field);
  }
}

const jsonHeaders = { Accept: 'application/json', 'Content-Type': 'application/json' };

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}
