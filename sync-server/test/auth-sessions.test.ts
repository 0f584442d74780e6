import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, ApiClient, manualClock, setUpAdmin } from './helpers/api-client.ts';
import { sqliteDb, startTestServer, type TestServer, type TestServerOptions } from './helpers/test-server.ts';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.dispose();
});

async function server(options: TestServerOptions = {}): Promise<TestServer> {
  const t = await startTestServer({ ...options, env: { RUNSHEET_OPEN: '0', ...options.env } });
  servers.push(t);
  return t;
}

const HOUR = 3600_000;

describe('sign-in', () => {
  it('refuses a wrong password and an unknown user with the same code', async () => {
    const t = await server();
    await setUpAdmin(t.url);
    const api = new ApiClient(t.url);
    const wrong = await api.post('/api/auth/login', { username: 'ada', password: 'wrong password!' });
    const unknown = await api.post('/api/auth/login', { username: 'nobody', password: 'wrong password!' });
    expect(wrong).toMatchObject({ status: 401, body: { error: { code: 'invalid-credentials' } } });
    expect(unknown).toMatchObject({ status: 401, body: { error: { code: 'invalid-credentials' } } });
    expect(api.cookie).toBeUndefined();
  });

  it('calls an empty sign-in password a bad body, not a weak password (that is for new passwords)', async () => {
    const t = await server();
    await setUpAdmin(t.url);
    const empty = await new ApiClient(t.url).post('/api/auth/login', { username: 'ada', password: '' });
    expect(empty).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid-body', field: 'password' } },
    });
  });

  it('accepts the username in any case', async () => {
    const t = await server();
    await setUpAdmin(t.url);
    expect((await new ApiClient(t.url).post('/api/auth/login', { ...ADMIN, username: 'ADA' })).status).toBe(
      200,
    );
  });

  it('throttles failed attempts per username and address, then lets the window pass', async () => {
    const clock = manualClock();
    const t = await server({ env: { TRUST_PROXY: '1' }, overrides: { now: clock.now } });
    await setUpAdmin(t.url);
    const attacker = new ApiClient(t.url, { 'X-Forwarded-For': '10.0.0.66' });
    for (let i = 0; i < 5; i++) {
      expect(
        (await attacker.post('/api/auth/login', { username: 'ada', password: `guess number ${i}` })).status,
      ).toBe(401);
    }
    const blocked = await attacker.post('/api/auth/login', ADMIN);
    expect(blocked).toMatchObject({ status: 429, body: { error: { code: 'too-many-attempts' } } });
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // The real user, elsewhere, is not locked out.
    const colleague = new ApiClient(t.url, { 'X-Forwarded-For': '10.0.0.7' });
    expect((await colleague.post('/api/auth/login', ADMIN)).status).toBe(200);
    clock.advance(16 * 60_000);
    expect((await attacker.post('/api/auth/login', ADMIN)).status).toBe(200);
  });

  it('stores only hashes: no session secret or password in the database', async () => {
    const t = await server();
    const admin = await setUpAdmin(t.url);
    const secret = admin.sessionSecret;
    const row = sqliteDb(t.server).prepare('SELECT id_hash FROM sessions').get() as { id_hash: Buffer };
    expect(row.id_hash.equals(createHash('sha256').update(secret).digest())).toBe(true);
    const user = sqliteDb(t.server).prepare('SELECT password_hash FROM users').get() as {
      password_hash: string;
    };
    expect(user.password_hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(user.password_hash).not.toContain(ADMIN.password);
  });

  it('logs out: the cookie is cleared and the session is gone', async () => {
    const t = await server();
    const admin = await setUpAdmin(t.url);
    const stolen = admin.cookie!;
    const res = await admin.post('/api/auth/logout');
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie()[0]).toMatch(/^runsheet_session=; .*Max-Age=0/);
    expect((await admin.get('/api/session')).status).toBe(401);
    expect((await new ApiClient(t.url).get('/api/session', { Cookie: stolen })).body).toMatchObject({
      error: { code: 'unauthenticated' },
    });
    expect(await admin.get('/api/auth/status')).toMatchObject({
      status: 200,
      body: { signedIn: false, reason: 'unauthenticated' },
    });
  });

  it('says who is signed in, or why nobody is, always with 200 (GET /api/auth/status)', async () => {
    const clock = manualClock();
    const t = await server({ env: { SESSION_TTL_HOURS: '2' }, overrides: { now: clock.now } });
    const admin = await setUpAdmin(t.url);
    expect(await admin.get('/api/auth/status')).toMatchObject({
      status: 200,
      body: { signedIn: true, auth: 'session', user: { username: 'ada', role: 'admin' } },
    });
    clock.advance(2 * HOUR + 1);
    expect(await admin.get('/api/auth/status')).toMatchObject({
      status: 200,
      body: { signedIn: false, reason: 'session-expired', setupCodeRequired: false },
    });
    expect(await new ApiClient(t.url).get('/api/auth/status')).toMatchObject({
      status: 200,
      body: { signedIn: false, reason: 'unauthenticated' },
    });
  });

  it('expires after SESSION_TTL_HOURS without use', async () => {
    const clock = manualClock();
    const t = await server({ env: { SESSION_TTL_HOURS: '2' }, overrides: { now: clock.now } });
    const admin = await setUpAdmin(t.url);
    clock.advance(2 * HOUR + 1);
    expect((await admin.get('/api/session')).body).toMatchObject({ error: { code: 'session-expired' } });
  });

  it('slides: use keeps it alive and re-sends the cookie', async () => {
    const clock = manualClock();
    const t = await server({ env: { SESSION_TTL_HOURS: '2' }, overrides: { now: clock.now } });
    const admin = await setUpAdmin(t.url);
    clock.advance(90 * 60_000);
    const res = await admin.get<{ expiresAt: string }>('/api/session');
    expect(res.headers.getSetCookie()[0]).toMatch(/Max-Age=7200/);
    expect(Date.parse(res.body.expiresAt)).toBe(clock.t + 2 * HOUR);
    clock.advance(90 * 60_000);
    expect((await admin.get('/api/session')).status).toBe(200);
  });

  it('SY-11 ends after SESSION_MAX_DAYS however often it is used', async () => {
    const clock = manualClock();
    const t = await server({
      env: { SESSION_TTL_HOURS: '2', SESSION_MAX_DAYS: '1' },
      overrides: { now: clock.now },
    });
    const admin = await setUpAdmin(t.url);
    const signedInAt = clock.t;
    // Used every 90 minutes for a day: each use slides it, but never past sign-in + 1 day.
    while (clock.t + 90 * 60_000 < signedInAt + 24 * HOUR) {
      clock.advance(90 * 60_000);
      const res = await admin.get<{ expiresAt: string }>('/api/session');
      expect(res.status).toBe(200);
      expect(Date.parse(res.body.expiresAt)).toBe(Math.min(clock.t + 2 * HOUR, signedInAt + 24 * HOUR));
    }
    // Near the end the browser is told to keep the cookie only as long as the session has left.
    const renewed = await admin.post('/api/auth/renew');
    expect(renewed.status).toBe(200);
    const left = Math.ceil((signedInAt + 24 * HOUR - clock.t) / 1000);
    expect(left).toBeLessThan(2 * 3600);
    expect(renewed.headers.getSetCookie()[0]).toMatch(new RegExp(`Max-Age=${left}(;|$)`));
    clock.advance(signedInAt + 24 * HOUR - clock.t);
    const ended = await admin.get('/api/session');
    expect(ended.status).toBe(401);
    expect(ended.body).toMatchObject({ error: { code: 'session-expired' } });
  });

  it('renews explicitly with POST /api/auth/renew', async () => {
    const clock = manualClock();
    const t = await server({ overrides: { now: clock.now } });
    const admin = await setUpAdmin(t.url);
    clock.advance(10_000);
    const res = await admin.post<{ expiresAt: string }>('/api/auth/renew');
    expect(res.status).toBe(200);
    expect(Date.parse(res.body.expiresAt)).toBe(clock.t + 12 * HOUR);
    expect(res.headers.getSetCookie()[0]).toMatch(/Max-Age=43200/);
  });

  it('refuses to renew an API token with 403: the request is fine, the credential may not do it', async () => {
    const t = await server();
    const admin = await setUpAdmin(t.url);
    const { body } = await admin.post<{ secret: string }>('/api/tokens', { name: 'ci' });
    const bearer = new ApiClient(t.url, { Authorization: `Bearer ${body.secret}` });
    const res = await bearer.post('/api/auth/renew');
    expect(res).toMatchObject({ status: 403, body: { error: { code: 'not-a-session' } } });
  });

  it('marks the cookie Secure behind an https proxy, only when told to trust it', async () => {
    const trusting = await server({ env: { TRUST_PROXY: '1' } });
    const viaHttps = new ApiClient(trusting.url, { 'X-Forwarded-Proto': 'https' });
    const res = await viaHttps.post('/api/setup', ADMIN);
    expect(res.headers.getSetCookie()[0]).toMatch(/; Secure$/);

    const plain = await server();
    const spoofed = await new ApiClient(plain.url, { 'X-Forwarded-Proto': 'https' }).post(
      '/api/setup',
      ADMIN,
    );
    expect(spoofed.headers.getSetCookie()[0]).not.toMatch(/Secure/);
  });

  it('changes your own password and ends your other sign-ins', async () => {
    const t = await server();
    const laptop = await setUpAdmin(t.url);
    const tablet = new ApiClient(t.url);
    await tablet.post('/api/auth/login', ADMIN);
    const wrong = await laptop.post('/api/auth/password', {
      currentPassword: 'nope nope nope',
      newPassword: 'a new password!',
    });
    expect(wrong.body).toMatchObject({ error: { code: 'invalid-credentials' } });
    const weak = await laptop.post('/api/auth/password', {
      currentPassword: ADMIN.password,
      newPassword: 'short',
    });
    expect(weak.body).toMatchObject({ error: { code: 'weak-password', field: 'newPassword' } });
    const ok = await laptop.post('/api/auth/password', {
      currentPassword: ADMIN.password,
      newPassword: 'a new password!',
    });
    expect(ok.status).toBe(204);
    expect((await laptop.get('/api/session')).status).toBe(200);
    expect((await tablet.get('/api/session')).status).toBe(401);
    expect(
      (await new ApiClient(t.url).post('/api/auth/login', { username: 'ada', password: 'a new password!' }))
        .status,
    ).toBe(200);
  });

  it('rehashes a password made with older parameters at the next sign-in', async () => {
    const dataDir = (await server()).dataDir;
    const first = servers[0]!;
    await setUpAdmin(first.url);
    await first.stop();
    const stronger = await server({ dataDir, overrides: { scrypt: { N: 2 ** 11, r: 8, p: 1 } } });
    expect((await new ApiClient(stronger.url).post('/api/auth/login', ADMIN)).status).toBe(200);
    const row = sqliteDb(stronger.server).prepare('SELECT password_hash FROM users').get() as {
      password_hash: string;
    };
    expect(row.password_hash).toMatch(/^scrypt\$2048\$8\$1\$/);
  });
});
