import { afterEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../src/api/body.ts';
import { ADMIN, ApiClient, setUpAdmin } from './helpers/api-client.ts';
import { startTestServer, type TestServer, type TestServerOptions } from './helpers/test-server.ts';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.dispose();
});

async function server(options: TestServerOptions = {}): Promise<TestServer> {
  const t = await startTestServer({ ...options, env: { RUNSHEET_OPEN: '0', ...options.env } });
  servers.push(t);
  return t;
}

describe('first run', () => {
  it('reports that setup is needed until the first admin exists', async () => {
    const t = await server();
    const api = new ApiClient(t.url);
    expect(await api.get('/api/session')).toMatchObject({
      status: 401,
      body: { error: { code: 'setup-required', message: expect.any(String) } },
    });
    expect((await api.get('/api/setup')).body).toEqual({ setupRequired: true, setupCodeRequired: false });
    // The app's start-up question: the same answer, with 200 (a browser logs every 4xx as an error).
    expect(await api.get('/api/auth/status')).toMatchObject({
      status: 200,
      body: { signedIn: false, reason: 'setup-required', setupCodeRequired: false },
    });
  });

  it('creates the admin, signs them in with an HttpOnly, SameSite=Lax cookie', async () => {
    const t = await server();
    const api = new ApiClient(t.url);
    const res = await api.post('/api/setup', {
      username: 'Ada',
      displayName: 'Ada L.',
      password: ADMIN.password,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      user: { username: 'ada', displayName: 'Ada L.', role: 'admin', disabled: false },
    });
    const cookie = res.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(
      /^runsheet_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200$/,
    );
    expect((await api.get('/api/session')).body).toMatchObject({
      user: { username: 'ada', role: 'admin' },
      auth: 'session',
    });
    expect((await api.get('/api/setup')).body).toEqual({ setupRequired: false, setupCodeRequired: false });
  });

  it('refuses a second setup with 409, even when two race', async () => {
    const t = await server();
    const [a, b] = await Promise.all([
      new ApiClient(t.url).post('/api/setup', { username: 'one', password: ADMIN.password }),
      new ApiClient(t.url).post('/api/setup', { username: 'two', password: ADMIN.password }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const again = await new ApiClient(t.url).post('/api/setup', {
      username: 'three',
      password: ADMIN.password,
    });
    expect(again.body).toMatchObject({ error: { code: 'already-set-up' } });
    expect(await t.server.auth.users.count()).toBe(1);
  });

  it('asks for the setup code printed in the log when the request is not from this machine', async () => {
    const t = await server({ env: { TRUST_PROXY: '1' } });
    const remote = new ApiClient(t.url, { 'X-Forwarded-For': '192.168.1.50' });
    expect((await remote.get('/api/setup')).body).toEqual({ setupRequired: true, setupCodeRequired: true });
    const body = { username: 'ada', password: ADMIN.password };
    expect((await remote.post('/api/setup', body)).body).toMatchObject({
      error: { code: 'setup-code-required' },
    });
    expect((await remote.post('/api/setup', { ...body, setupCode: 'WRONGCODE' })).body).toMatchObject({
      error: { code: 'invalid-setup-code' },
    });
    const ok = await remote.post('/api/setup', { ...body, setupCode: t.server.auth.setupCode.toLowerCase() });
    expect(ok.status).toBe(201);
  });

  it.each([
    [{ username: 'ada', password: 'short' }, 400, 'weak-password', 'password'],
    [{ username: 'a d a', password: ADMIN.password }, 400, 'invalid-body', 'username'],
    [{ username: 'ada', password: ADMIN.password, isAdmin: true }, 400, 'invalid-body', undefined],
    [{ password: ADMIN.password }, 400, 'invalid-body', 'username'],
  ])('validates the body: %j -> %i %s', async (body, status, code, field) => {
    const t = await server();
    const res = await new ApiClient(t.url).post('/api/setup', body);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ error: { code, ...(field && { field }) } });
  });

  it('refuses bodies that are not JSON, not valid JSON, or too large', async () => {
    const t = await server();
    const api = new ApiClient(t.url);
    const asForm = await api.request('POST', '/api/setup', 'username=ada', {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(asForm.body).toMatchObject({ error: { code: 'unsupported-media-type' } });
    expect((await api.post('/api/setup', '{"username":')).body).toMatchObject({
      error: { code: 'invalid-json' },
    });
    const huge = await api.post('/api/setup', { username: 'ada', password: 'x'.repeat(MAX_BODY_BYTES) });
    expect(huge.status).toBe(413);
  });

  it('refuses state-changing requests from another origin', async () => {
    const t = await server();
    const res = await new ApiClient(t.url).post(
      '/api/setup',
      { username: 'ada', password: ADMIN.password },
      { Origin: 'http://evil.example' },
    );
    expect(res).toMatchObject({ status: 403, body: { error: { code: 'cross-origin' } } });
    const same = await new ApiClient(t.url).post(
      '/api/setup',
      { username: 'ada', password: ADMIN.password },
      { Origin: t.url },
    );
    expect(same.status).toBe(201);
  });

  it('creates the admin from RUNSHEET_ADMIN_USER / _PASSWORD, once, and never resets it', async () => {
    const first = await server({
      env: { RUNSHEET_ADMIN_USER: 'root', RUNSHEET_ADMIN_PASSWORD: 'first password!' },
    });
    expect(first.logs).toContainEqual(['log', 'Created admin "root" from RUNSHEET_ADMIN_USER']);
    const api = new ApiClient(first.url);
    expect(
      (await api.post('/api/auth/login', { username: 'root', password: 'first password!' })).status,
    ).toBe(200);
    expect((await api.post('/api/setup', { username: 'x', password: ADMIN.password })).status).toBe(409);
    await first.stop();

    const second = await server({
      dataDir: first.dataDir,
      env: { RUNSHEET_ADMIN_USER: 'root', RUNSHEET_ADMIN_PASSWORD: 'second password!' },
    });
    expect(second.logs).toContainEqual(['log', 'RUNSHEET_ADMIN_USER ignored: users exist already']);
    const again = new ApiClient(second.url);
    expect(
      (await again.post('/api/auth/login', { username: 'root', password: 'second password!' })).status,
    ).toBe(401);
    expect(
      (await again.post('/api/auth/login', { username: 'root', password: 'first password!' })).status,
    ).toBe(200);
  });

  it('needs no sign-in in open mode (RUNSHEET_OPEN=1)', async () => {
    const t = await server({ env: { RUNSHEET_OPEN: '1' } });
    const res = await new ApiClient(t.url).get('/api/session');
    expect(res.body).toMatchObject({ user: { role: 'admin' }, auth: 'open' });
    expect((await new ApiClient(t.url).get('/api/setup')).body).toMatchObject({ setupRequired: false });
  });

  it('answers unknown API paths and methods with JSON errors', async () => {
    const t = await server();
    await setUpAdmin(t.url);
    const api = new ApiClient(t.url);
    expect((await api.get('/api/nope')).body).toMatchObject({ error: { code: 'not-found' } });
    expect((await api.delete('/api/session')).body).toMatchObject({ error: { code: 'method-not-allowed' } });
  });
});
