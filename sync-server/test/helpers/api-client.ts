export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/** A JSON client that keeps the session cookie, like a browser tab would. */
export class ApiClient {
  cookie: string | undefined;

  constructor(
    readonly baseUrl: string,
    readonly defaultHeaders: Record<string, string> = {},
  ) {}

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(this.cookie === undefined ? {} : { Cookie: this.cookie }),
        ...this.defaultHeaders,
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    for (const setCookie of res.headers.getSetCookie()) {
      const [pair] = setCookie.split(';');
      const value = pair?.slice(pair.indexOf('=') + 1) ?? '';
      this.cookie = value === '' ? undefined : pair;
    }
    const text = await res.text();
    return { status: res.status, body: (text === '' ? {} : JSON.parse(text)) as T, headers: res.headers };
  }

  get = <T = Record<string, unknown>>(path: string, headers?: Record<string, string>) =>
    this.request<T>('GET', path, undefined, headers);
  post = <T = Record<string, unknown>>(path: string, body: unknown = {}, headers?: Record<string, string>) =>
    this.request<T>('POST', path, body, headers);
  patch = <T = Record<string, unknown>>(path: string, body: unknown, headers?: Record<string, string>) =>
    this.request<T>('PATCH', path, body, headers);
  delete = <T = Record<string, unknown>>(path: string, headers?: Record<string, string>) =>
    this.request<T>('DELETE', path, undefined, headers);

  /** The cookie's secret, for WebSocket tests. */
  get sessionSecret(): string {
    return this.cookie!.split('=')[1]!;
  }
}

export const ADMIN = { username: 'ada', password: 'correct horse battery' };

/** Creates the first admin through the first-run endpoint; returns a signed-in client. */
export async function setUpAdmin(baseUrl: string): Promise<ApiClient> {
  const client = new ApiClient(baseUrl);
  const res = await client.post('/api/setup', { ...ADMIN, displayName: 'Ada' });
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return client;
}

/** Creates a user as `admin` and returns a client signed in as them. */
export async function signedInUser(
  admin: ApiClient,
  username: string,
  role: 'admin' | 'member' | 'viewer',
): Promise<ApiClient & { userId: string }> {
  const password = `${username}-password-123`;
  const created = await admin.post<{ user: { id: string } }>('/api/users', { username, password, role });
  if (created.status !== 201)
    throw new Error(`create failed: ${created.status} ${JSON.stringify(created.body)}`);
  const client = new ApiClient(admin.baseUrl) as ApiClient & { userId: string };
  client.userId = created.body.user.id;
  const login = await client.post('/api/auth/login', { username, password });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  return client;
}

/** A clock the test moves by hand. */
export function manualClock(start = Date.UTC(2030, 0, 1)) {
  const clock = {
    t: start,
    now: () => clock.t,
    advance(ms: number) {
      clock.t += ms;
    },
  };
  return clock;
}
