/**
 * The app's client of the server's JSON API. Every call either returns parsed data or throws one of two
 * errors: `ApiError` (the server answered with its error shape: a stable code, maybe a field) or
 * `ServerUnreachable` (no answer, or an answer that is not Runsheet's: the app then works local-only).
 * A 401 is also reported to `onUnauthorized`, so an expired session anywhere asks the user to sign in again.
 */
import type { z } from 'zod';
import {
  apiErrorSchema,
  createdTokenSchema,
  type PublicToken,
  type PublicUser,
  type Role,
  type SessionInfo,
  type SetupStatus,
  sessionSchema,
  setupStatusSchema,
  signedInSchema,
  tokensSchema,
  userSchema,
  usersSchema,
} from './api-types.ts';

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

const NO_CONTENT = Symbol('no content');

export class ApiClient {
  private readonly fetchImpl: Fetch;

  constructor(private readonly options: ApiClientOptions = {}) {
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  session(): Promise<SessionInfo> {
    return this.call('GET', '/api/session', sessionSchema);
  }

  setupStatus(): Promise<SetupStatus> {
    return this.call('GET', '/api/setup', setupStatusSchema);
  }

  setup(body: { username: string; displayName?: string; password: string; setupCode?: string }) {
    return this.call('POST', '/api/setup', signedInSchema, body);
  }

  login(username: string, password: string) {
    return this.call('POST', '/api/auth/login', signedInSchema, { username, password });
  }

  async logout(): Promise<void> {
    await this.call('POST', '/api/auth/logout', NO_CONTENT);
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await this.call('POST', '/api/auth/password', NO_CONTENT, { currentPassword, newPassword });
  }

  async users(): Promise<PublicUser[]> {
    return (await this.call('GET', '/api/users', usersSchema)).users;
  }

  async createUser(body: { username: string; displayName?: string; password: string; role: Role }) {
    return (await this.call('POST', '/api/users', userSchema, body)).user;
  }

  async updateUser(id: string, body: { role?: Role; disabled?: boolean; displayName?: string }) {
    return (await this.call('PATCH', `/api/users/${encodeURIComponent(id)}`, userSchema, body)).user;
  }

  async resetPassword(id: string, password: string): Promise<void> {
    await this.call('POST', `/api/users/${encodeURIComponent(id)}/password`, NO_CONTENT, { password });
  }

  async tokens(): Promise<PublicToken[]> {
    return (await this.call('GET', '/api/tokens', tokensSchema)).tokens;
  }

  createToken(name: string) {
    return this.call('POST', '/api/tokens', createdTokenSchema, { name });
  }

  async revokeToken(id: string): Promise<void> {
    await this.call('DELETE', `/api/tokens/${encodeURIComponent(id)}`, NO_CONTENT);
  }

  private async call<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S | typeof NO_CONTENT,
    body?: unknown,
  ): Promise<z.output<S>> {
    let response: Response;
    try {
      response = await this.fetchImpl(path, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? { Accept: 'application/json' } : jsonHeaders,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new ServerUnreachable(error instanceof Error ? error.message : String(error));
    }
    if (response.ok && schema === NO_CONTENT) return undefined as z.output<S>;
    const json = await readJson(response);
    if (response.ok && schema !== NO_CONTENT) {
      const parsed = schema.safeParse(json);
      if (parsed.success) return parsed.data;
      throw new ServerUnreachable(`${path}: the answer is not a Runsheet server's`);
    }
    const error = apiErrorSchema.safeParse(json);
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
